terraform {
  required_version = ">= 1.6"

  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
  backend "gcs" {
    bucket = "acme-terraform-state"
    prefix = "platform/prod/terraform"
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  type = string
}

# scaffolding: VPC for ovh_cloud_project_kube.prod
resource "google_compute_network" "prod" {
  name                    = "prod-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.prod
resource "google_compute_subnetwork" "prod" {
  name                     = "prod-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.prod.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "prod-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "prod-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "prod" {
  name = "prod"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.prod.id
  subnetwork               = google_compute_subnetwork.prod.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.prod_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "prod-pods"
    services_secondary_range_name = "prod-services"
  }
}

resource "google_container_node_pool" "prod" {
  name     = "prod"
  cluster  = google_container_cluster.prod.id
  location = google_container_cluster.prod.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 3

  node_config {
    machine_type    = "n2-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.prod_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
