terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = var.region
}

variable "region" {
  description = "Takes a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = string
  default     = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_compute_network" "prod" {
  name                    = "prod-private-net"
  auto_create_subnetworks = false
}

resource "google_compute_router" "prod" {
  name    = "prod-gateway"
  region  = var.region
  network = google_compute_network.prod.id
}

resource "google_compute_router_nat" "prod" {
  name                               = "prod-gateway"
  router                             = google_compute_router.prod.name
  region                             = google_compute_router.prod.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.nodes.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "nodes" {
  name                     = "nodes"
  region                   = var.region
  network                  = google_compute_network.prod.id
  ip_cidr_range            = "10.20.0.0/16"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "prod-pods"
    ip_cidr_range = "10.240.0.0/13"
  }
  secondary_ip_range {
    range_name    = "prod-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "prod" {
  name                     = "prod-cluster"
  location                 = var.region
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = "1.31"
  network                  = google_compute_network.prod.id
  subnetwork               = google_compute_subnetwork.nodes.id
  networking_mode          = "VPC_NATIVE"
  datapath_provider        = "LEGACY_DATAPATH"

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
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }
  release_channel {
    channel = "REGULAR"
  }
  timeouts {
    create = "30m"
    update = "30m"
  }

  depends_on = [google_compute_router.prod]
}

resource "google_container_node_pool" "workers" {
  name     = "workers"
  cluster  = google_container_cluster.prod.id
  location = google_container_cluster.prod.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = 3

  autoscaling {
    total_min_node_count = 3
    total_max_node_count = 6
    location_policy      = "BALANCED"
  }
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
  upgrade_settings {
    max_surge       = 1
    max_unavailable = 0
  }
}
