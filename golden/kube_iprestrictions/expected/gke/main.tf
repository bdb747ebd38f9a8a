terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "allowed_cidrs" {
  description = "CIDRs allowed to reach the staging API server"
  type        = list(string)
  default     = ["198.51.100.0/24", "192.0.2.10/32"]
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.prod
resource "google_compute_network" "prod" {
  name                    = "prod-vpc"
  auto_create_subnetworks = false
}

# scaffolding: VPC for ovh_cloud_project_kube.staging
resource "google_compute_network" "staging" {
  name                    = "staging-vpc"
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

# scaffolding: nodes subnet for ovh_cloud_project_kube.staging
resource "google_compute_subnetwork" "staging" {
  name                     = "staging-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.staging.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "staging-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "staging-services"
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
  # from ovh_cloud_project_kube_iprestrictions.prod
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "203.0.113.0/24"
    }
    cidr_blocks {
      cidr_block   = "10.20.0.0/16"
      display_name = "10.20.0.0/16"
    }
  }
}

resource "google_container_cluster" "staging" {
  name = "staging"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.staging.id
  subnetwork               = google_compute_subnetwork.staging.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.staging_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "staging-pods"
    services_secondary_range_name = "staging-services"
  }
  # from ovh_cloud_project_kube_iprestrictions.staging
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = var.allowed_cidrs

      content {
        cidr_block = cidr_blocks.value
      }
    }
  }
}
