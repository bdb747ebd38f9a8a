terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

resource "google_container_node_pool" "this" {
  name       = trim(substr(replace(lower(var.name), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster    = var.kube_id
  node_count = var.max_nodes > var.min_nodes ? null : var.min_nodes

  dynamic "autoscaling" {
    for_each = var.max_nodes > var.min_nodes ? [1] : []

    content {
      total_min_node_count = var.min_nodes
      total_max_node_count = var.max_nodes
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = var.flavor_name
    labels          = merge({ pool = var.name }, var.labels)
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.this_nodes.email

    dynamic "taint" {
      for_each = var.taints

      content {
        key   = taint.value.key
        value = lookup(taint.value, "value", null)
        effect = {
          NoSchedule       = "NO_SCHEDULE"
          PreferNoSchedule = "PREFER_NO_SCHEDULE"
          NoExecute        = "NO_EXECUTE"
        }[taint.value.effect]
      }
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
