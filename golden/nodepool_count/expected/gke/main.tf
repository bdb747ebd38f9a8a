terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west3"
}

variable "pool_count" {
  type    = number
  default = 3
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.shared
resource "google_compute_network" "shared" {
  name                    = "shared-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.shared
resource "google_compute_subnetwork" "shared" {
  name                     = "shared-nodes"
  region                   = "europe-west3"
  network                  = google_compute_network.shared.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "shared-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "shared-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "shared" {
  name = "shared"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west3"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.shared.id
  subnetwork               = google_compute_subnetwork.shared.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.shared_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "shared-pods"
    services_secondary_range_name = "shared-services"
  }
}

resource "google_container_node_pool" "worker" {
  count    = var.pool_count
  name     = "worker-${count.index}"
  cluster  = google_container_cluster.shared.id
  location = google_container_cluster.shared.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west3-a"]
  node_count     = count.index == 0 ? null : 2

  dynamic "autoscaling" {
    for_each = count.index == 0 ? [1] : []

    content {
      total_min_node_count = 1
      total_max_node_count = 4
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.shared_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

output "worker_pool_names" {
  value = google_container_node_pool.worker[*].name
}
