resource "ovh_cloud_project_kube" "main" {
  service_name       = var.project_id
  name               = "${local.prefix}-mks"
  region             = var.region
  version            = var.kube_version
  plan               = "standard"
  update_policy      = "MINIMAL_DOWNTIME"
  private_network_id = tolist(ovh_cloud_project_network_private.main.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.nodes.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }

  depends_on = [ovh_cloud_project_gateway.main]

  lifecycle {
    prevent_destroy = true
  }
}

resource "ovh_cloud_project_kube_iprestrictions" "api" {
  service_name = var.project_id
  kube_id      = ovh_cloud_project_kube.main.id
  ips          = concat(var.admin_cidrs, [var.private_cidr])
}

resource "ovh_cloud_project_kube_nodepool" "general" {
  for_each = var.node_flavors

  service_name   = var.project_id
  kube_id        = ovh_cloud_project_kube.main.id
  name           = each.key
  flavor_name    = each.value.flavor
  autoscale      = each.value.max_nodes > each.value.min_nodes
  min_nodes      = each.value.min_nodes
  max_nodes      = each.value.max_nodes
  desired_nodes  = each.value.min_nodes
  monthly_billed = var.environment == "prod"

  autoscaling_scale_down_unneeded_time_seconds = 600
  autoscaling_scale_down_utilization_threshold = 0.5

  template {
    metadata {
      labels      = merge(local.tags, { "node-pool" = each.key })
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = []
    }
  }

  lifecycle {
    ignore_changes = [desired_nodes]
  }
}

resource "ovh_cloud_project_kube_nodepool" "gpu" {
  service_name  = var.project_id
  kube_id       = ovh_cloud_project_kube.main.id
  name          = "gpu-l4"
  flavor_name   = "l4-90"
  autoscale     = true
  min_nodes     = 0
  max_nodes     = var.gpu_max_nodes
  desired_nodes = 0
  anti_affinity = false

  template {
    metadata {
      labels = {
        "node-pool"              = "gpu-l4"
        "nvidia.com/gpu.present" = "true"
      }
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints = [
        {
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "NoSchedule"
        }
      ]
    }
  }
}
