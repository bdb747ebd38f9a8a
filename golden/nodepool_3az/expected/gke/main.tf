terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = local.region
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  region = "europe-west9"
  zones  = ["europe-west9-a", "europe-west9-b", "europe-west9-c"]
}

resource "google_compute_network" "par" {
  name                    = "par-net"
  auto_create_subnetworks = false
}

resource "google_compute_router" "par" {
  name    = "par-gateway"
  region  = local.region
  network = google_compute_network.par.id
}

resource "google_compute_router_nat" "par" {
  name                               = "par-gateway"
  router                             = google_compute_router.par.name
  region                             = google_compute_router.par.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.par.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "par" {
  name                     = "par"
  region                   = local.region
  network                  = google_compute_network.par.id
  ip_cidr_range            = "10.30.0.0/16"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "par-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "par-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "par" {
  name                     = "par-3az"
  location                 = local.region
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.par.id
  subnetwork               = google_compute_subnetwork.par.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.par_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "par-pods"
    services_secondary_range_name = "par-services"
  }
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  depends_on = [google_compute_router.par]
}

resource "google_container_node_pool" "zone_a" {
  name           = "pool-a"
  cluster        = google_container_cluster.par.id
  location       = google_container_cluster.par.location
  node_locations = ["europe-west9-a"]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.par_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "zone_b" {
  name           = "pool-b"
  cluster        = google_container_cluster.par.id
  location       = google_container_cluster.par.location
  node_locations = ["europe-west9-b"]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.par_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "zone_c" {
  name           = "pool-c"
  cluster        = google_container_cluster.par.id
  location       = google_container_cluster.par.location
  node_locations = [local.zones[2]]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.par_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
