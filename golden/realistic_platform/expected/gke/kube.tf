locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  main_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "main"
    clusters = [
      {
        name = "main"
        cluster = {
          server                       = "https://${google_container_cluster.main.endpoint}"
          "certificate-authority-data" = google_container_cluster.main.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "main"
        context = { cluster = "main", user = "main" }
      },
    ]
    users = [
      {
        name = "main"
        user = {
          exec = {
            apiVersion         = "client.authentication.k8s.io/v1beta1"
            command            = "gke-gcloud-auth-plugin"
            provideClusterInfo = true
          }
        }
      },
    ]
  })
}

resource "google_container_cluster" "main" {
  name                     = trim(substr(replace(lower("${local.prefix}-mks"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  location                 = var.region
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kube_version
  network                  = google_compute_network.main.id
  subnetwork               = google_compute_subnetwork.nodes.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.main_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "main-pods"
    services_secondary_range_name = "main-services"
  }
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }
  release_channel {
    channel = "REGULAR"
  }
  # from ovh_cloud_project_kube_iprestrictions.api
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = concat(var.admin_cidrs, [var.private_cidr])

      content {
        cidr_block = cidr_blocks.value
      }
    }
  }

  depends_on = [google_compute_router.main]

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_container_node_pool" "general" {
  for_each = var.node_flavors
  name     = trim(substr(replace(lower(each.key), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster  = google_container_cluster.main.id
  location = google_container_cluster.main.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = each.value.max_nodes > each.value.min_nodes ? null : each.value.min_nodes

  dynamic "autoscaling" {
    for_each = each.value.max_nodes > each.value.min_nodes ? [1] : []

    content {
      total_min_node_count = each.value.min_nodes
      total_max_node_count = each.value.max_nodes
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = each.value.flavor
    labels          = merge(local.tags, { "node-pool" = each.key })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.main_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
  upgrade_settings {
    max_surge       = 1
    max_unavailable = 0
  }
  lifecycle {
    ignore_changes = [node_count, initial_node_count]
  }
}

resource "google_container_node_pool" "gpu" {
  name     = "gpu-l4"
  cluster  = google_container_cluster.main.id
  location = google_container_cluster.main.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = 0

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = var.gpu_max_nodes
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "g2-standard-32"
    labels          = { "node-pool" = "gpu-l4", "nvidia.com/gpu.present" = "true" }
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.main_nodes.email

    guest_accelerator {
      count = 1
      type  = "nvidia-l4"

      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }
    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NO_SCHEDULE"
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
  upgrade_settings {
    max_surge       = 1
    max_unavailable = 0
  }
}
