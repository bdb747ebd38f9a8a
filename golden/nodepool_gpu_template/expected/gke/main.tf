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

# scaffolding: VPC for ovh_cloud_project_kube.ml
resource "google_compute_network" "ml" {
  name                    = "ml-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.ml
resource "google_compute_subnetwork" "ml" {
  name                     = "ml-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.ml.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "ml-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "ml-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "ml" {
  name = "ml-cluster"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = "1.31"
  network                  = google_compute_network.ml.id
  subnetwork               = google_compute_subnetwork.ml.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.ml_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "ml-pods"
    services_secondary_range_name = "ml-services"
  }
}

resource "google_container_node_pool" "gpu" {
  name     = "gpu-l40s"
  cluster  = google_container_cluster.ml.id
  location = google_container_cluster.ml.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = 1

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 4
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type = "a2-ultragpu-1g"
    labels = {
      workload                  = "inference"
      "nvidia.com/gpu.present"  = "true"
      "node.example.org/family" = "l40s"
    }
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.ml_nodes.email

    guest_accelerator {
      count = 1
      type  = "nvidia-a100-80gb"

      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }
    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NO_SCHEDULE"
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "system" {
  name     = "system"
  cluster  = google_container_cluster.ml.id
  location = google_container_cluster.ml.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.ml_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
