terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "node_pools" {
  description = "Node pools keyed by pool name. Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type = map(object({
    flavor    = string
    min_nodes = number
    max_nodes = number
    autoscale = bool
  }))
  default = {
    general = {
      flavor    = "n2-standard-4"
      min_nodes = 2
      max_nodes = 6
      autoscale = true
    }
    memory = {
      flavor    = "n2-highmem-4"
      min_nodes = 1
      max_nodes = 3
      autoscale = true
    }
    batch = {
      flavor    = "c3-highcpu-4"
      min_nodes = 1
      max_nodes = 1
      autoscale = false
    }
  }
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.main
resource "google_compute_network" "main" {
  name                    = "main-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.main
resource "google_compute_subnetwork" "main" {
  name                     = "main-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.main.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "main-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "main-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "main" {
  name = "main"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.main.id
  subnetwork               = google_compute_subnetwork.main.id
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
}

resource "google_container_node_pool" "pool" {
  for_each = var.node_pools
  name     = trim(substr(replace(lower("${each.key}-pool"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster  = google_container_cluster.main.id
  location = google_container_cluster.main.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = each.value.autoscale ? null : each.value.min_nodes

  dynamic "autoscaling" {
    for_each = each.value.autoscale ? [1] : []

    content {
      total_min_node_count = each.value.min_nodes
      total_max_node_count = each.value.max_nodes
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = each.value.flavor
    labels          = { pool = each.key }
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
}

output "node_pool_ids" {
  value = { for name, pool in google_container_node_pool.pool : name => pool.id }
}
