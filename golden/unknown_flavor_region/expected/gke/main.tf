terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "TODO(IT304): region XX1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: zones of the region of ovh_cloud_project_kube_nodepool.odd
data "google_compute_zones" "odd" {
  region = google_container_cluster.nowhere.location
}

# scaffolding: VPC for ovh_cloud_project_kube.nowhere
resource "google_compute_network" "nowhere" {
  name                    = "nowhere-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.nowhere
resource "google_compute_subnetwork" "nowhere" {
  name                     = "nowhere-nodes"
  region                   = "TODO(IT304): region XX1"
  network                  = google_compute_network.nowhere.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "nowhere-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "nowhere-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "nowhere" {
  name = "nowhere"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "TODO(IT304): region XX1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.nowhere.id
  subnetwork               = google_compute_subnetwork.nowhere.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.nowhere_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "nowhere-pods"
    services_secondary_range_name = "nowhere-services"
  }
}

resource "google_container_node_pool" "odd" {
  name     = "odd-pool"
  cluster  = google_container_cluster.nowhere.id
  location = google_container_cluster.nowhere.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = [data.google_compute_zones.odd.names[0]]
  node_count     = 1

  node_config {
    machine_type    = "TODO(IT303): flavor zz9-99"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.nowhere_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
