terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "cluster_name" {
  type    = string
  default = "prod_cluster"
}

variable "prefix" {
  type    = string
  default = "Team"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  env = "prod"
}

# scaffolding: VPC for ovh_cloud_project_kube.k
resource "google_compute_network" "k" {
  name                    = "k-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_network" "net" {
  name                    = trim(substr(replace(lower("${var.prefix}_net"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
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
  name = trim(substr(replace(lower(var.cluster_name), "/[^a-z0-9-]/", "-"), 0, 40), "-")
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
}

resource "google_container_node_pool" "pool" {
  name     = "${local.env}-pool"
  cluster  = google_container_cluster.k.id
  location = google_container_cluster.k.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.k_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
