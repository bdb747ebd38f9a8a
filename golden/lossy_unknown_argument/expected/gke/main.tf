terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: zones of the region of ovh_cloud_project_kube_nodepool.typo
data "google_compute_zones" "typo" {
  region = google_container_cluster.typo.location
}

# scaffolding: VPC for ovh_cloud_project_kube.typo
resource "google_compute_network" "typo" {
  name                    = "typo-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.typo
resource "google_compute_subnetwork" "typo" {
  name                     = "typo-nodes"
  network                  = google_compute_network.typo.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "typo-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "typo-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

# TODO(IT202): unknown OVH argument `regoin = "GRA11"` was not translated
resource "google_container_cluster" "typo" {
  name                     = "typo-cluster"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = "1.31"
  network                  = google_compute_network.typo.id
  subnetwork               = google_compute_subnetwork.typo.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.typo_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "typo-pods"
    services_secondary_range_name = "typo-services"
  }
}

# TODO(IT202): unknown OVH argument `flavour_name = "b3-8"` was not translated
resource "google_container_node_pool" "typo" {
  name     = "typo-pool"
  cluster  = google_container_cluster.typo.id
  location = google_container_cluster.typo.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = [data.google_compute_zones.typo.names[0]]
  node_count     = 2

  node_config {
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.typo_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
