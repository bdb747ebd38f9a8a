terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_compute_network" "net" {
  name                    = "mks-3az"
  auto_create_subnetworks = false
}

resource "google_compute_router" "my_gateway" {
  name    = "my-gateway"
  region  = "europe-west1"
  network = google_compute_network.net.id
}

resource "google_compute_router_nat" "my_gateway" {
  name                               = "my-gateway"
  router                             = google_compute_router.my_gateway.name
  region                             = google_compute_router.my_gateway.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.net.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "net" {
  name                     = "net"
  region                   = "europe-west1"
  network                  = google_compute_network.net.id
  ip_cidr_range            = "10.30.0.0/24"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "my-cluster-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "my-cluster-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "my_cluster" {
  name = "my-kube-cluster-for-the-production-9af3"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.net.id
  subnetwork               = google_compute_subnetwork.net.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.my_cluster_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "my-cluster-pods"
    services_secondary_range_name = "my-cluster-services"
  }
}

resource "google_project_iam_member" "user_objectstore_operator" {
  project = data.google_client_config.default.project
  role    = "roles/storage.objectAdmin"
  member  = "serviceAccount:${google_service_account.user.email}"
}

resource "google_service_account" "user" {
  account_id   = "user-sa"
  display_name = "object storage user"
}

resource "google_storage_bucket" "backups" {
  name                        = "gcs_backups"
  location                    = "EUROPE-WEST1"
  uniform_bucket_level_access = true
  force_destroy               = false
}
