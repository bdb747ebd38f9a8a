variable "dedicated" {
  type    = map(string)
  default = { gpu = "NoSchedule" }
}

variable "oidc_enabled" {
  type    = bool
  default = false
}

variable "pool_flavor" {
  description = "Flavor of the worker nodes. Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type        = string
}

variable "template" {
  type = object({
    metadata = optional(object({ labels = map(string) }))
    spec     = optional(object({ taints = list(object({ key = string, value = string, effect = string })) }))
  })
  default = null
}

# scaffolding: VPC for ovh_cloud_project_kube.k
resource "google_compute_network" "k" {
  name                    = "k-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.k
resource "google_compute_subnetwork" "k" {
  name                     = "k-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.k.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "k-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "k-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "k" {
  name = "apps"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.k.id
  subnetwork               = google_compute_subnetwork.k.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.k_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "k-pods"
    services_secondary_range_name = "k-services"
  }
  # OIDC from ovh_cloud_project_kube_oidc.oidc: set issuer_url = "https://id.example.org", client_id = "apps" in the ClientConfig (kube-public/default)
  identity_service_config {
    enabled = (var.oidc_enabled ? 1 : 0) > 0
  }
}

resource "google_container_node_pool" "core" {
  name     = "core"
  cluster  = google_container_cluster.k.id
  location = google_container_cluster.k.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 1

  node_config {
    machine_type    = "n2-standard-2"
    labels          = { for k, v in var.dedicated : "pool/${k}" => "true" }
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.k_nodes.email

    dynamic "taint" {
      for_each = [for k, v in var.dedicated : { key = k, value = "true", effect = v }]

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
  lifecycle {
    ignore_changes = [node_count, initial_node_count, node_config]
  }
}

resource "google_container_node_pool" "dyn" {
  name     = "dyn"
  cluster  = google_container_cluster.k.id
  location = google_container_cluster.k.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 2

  node_config {
    machine_type    = var.pool_flavor
    labels          = merge([for template_key, template_value in(var.template != null ? [var.template] : []) : merge([for metadata_key, metadata_value in(template_value.metadata != null ? [template_value.metadata] : []) : lookup(metadata_value, "labels", null) == null ? {} : lookup(metadata_value, "labels", null)]...)]...)
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.k_nodes.email

    dynamic "taint" {
      for_each = flatten([for template_key, template_value in(var.template != null ? [var.template] : []) : flatten([for spec_key, spec_value in(template_value.spec != null ? [template_value.spec] : []) : lookup(spec_value, "taints", null) == null ? [] : lookup(spec_value, "taints", null)])])

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
  lifecycle {
    ignore_changes = [node_count, initial_node_count]
  }
}
