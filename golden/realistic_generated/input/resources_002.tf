resource "ovh_cloud_project_database_postgresql_user" "app_s002" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.db_s002.id
  name         = "app2"
  roles        = ["replication"]
}

resource "ovh_cloud_project_containerregistry" "reg_s002" {
  service_name = var.service_name
  name         = "${local.prefix}-stack002-registry"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.registry.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.registry.id
}

resource "ovh_cloud_project_containerregistry_user" "ci_s002" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.reg_s002.id
  email        = "ci-2@example.org"
  login        = "ci2"
}

resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ci_s002" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.reg_s002.id

  ip_restrictions = [
    for c in var.admin_cidrs : {
      ip_block    = c
      description = "admin s002"
    }
  ]
}

resource "ovh_cloud_project_network_private" "net_s003" {
  service_name = var.service_name
  name         = "${local.prefix}-stack003-net"
  vlan_id      = 103
  regions      = ["UK1"]
}

resource "ovh_cloud_project_network_private_subnet" "subnet_s003" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net_s003.id
  region       = "UK1"
  network      = "10.3.0.0/16"
  start        = cidrhost("10.3.0.0/16", 10)
  end          = cidrhost("10.3.0.0/16", 65000)
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_gateway" "gw_s003" {
  service_name = var.service_name
  name         = "${local.prefix}-stack003-gw"
  model        = "s"
  region       = "UK1"
  network_id   = ovh_cloud_project_network_private.net_s003.regions_openstack_ids["UK1"]
  subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s003.id
}

resource "ovh_cloud_project_kube" "kube_s003" {
  service_name       = var.service_name
  name               = "${local.prefix}-stack003-mks"
  region             = "UK1"
  version            = var.kube_version
  update_policy      = lookup(local.update_policies, var.environment, "ALWAYS_UPDATE")
  private_network_id = tolist(ovh_cloud_project_network_private.net_s003.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.subnet_s003.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  customization_kube_proxy {
    iptables {
      min_sync_period = "PT1S"
      sync_period     = "PT33S"
    }
  }

  timeouts {
    create = "30m"
    update = "45m"
  }

  depends_on = [ovh_cloud_project_gateway.gw_s003]
}

resource "ovh_cloud_project_kube_iprestrictions" "api_s003" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_s003.id
  ips          = concat(var.admin_cidrs, ["10.3.0.0/16"])
}

resource "ovh_cloud_project_kube_nodepool" "general_s003" {
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.kube_s003.id
  name           = "general-3"
  flavor_name    = "c3-16"
  autoscale      = true
  min_nodes      = 1
  max_nodes      = 7
  desired_nodes  = 1
  monthly_billed = false
  anti_affinity  = false

  autoscaling_scale_down_unneeded_time_seconds = 480
  autoscaling_scale_down_utilization_threshold = 0.8

  timeouts {
    create = "1h"
    update = "1h"
  }
}
