terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "node_count" {
  type    = number
  default = 3
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID"
  type        = string
}

locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  json_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "json"
    clusters = [
      {
        name = "json"
        cluster = {
          server                       = "https://${google_container_cluster.json.endpoint}"
          "certificate-authority-data" = google_container_cluster.json.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "json"
        context = { cluster = "json", user = "json" }
      },
    ]
    users = [
      {
        name = "json"
        user = {
          exec = {
            apiVersion         = "client.authentication.k8s.io/v1beta1"
            command            = "gke-gcloud-auth-plugin"
            provideClusterInfo = true
          }
        }
      },
    ]
  })
}

# scaffolding: VPC for ovh_cloud_project_kube.json
resource "google_compute_network" "json" {
  name                    = "json-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.json
resource "google_compute_subnetwork" "json" {
  name                     = "json-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.json.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "json-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "json-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "json" {
  name = "json-cluster"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = "1.31"
  network                  = google_compute_network.json.id
  subnetwork               = google_compute_subnetwork.json.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.json_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "json-pods"
    services_secondary_range_name = "json-services"
  }
  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_node_pool" "json" {
  name     = "json-pool"
  cluster  = google_container_cluster.json.id
  location = google_container_cluster.json.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = var.node_count

  autoscaling {
    total_min_node_count = 1
    total_max_node_count = 5
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "n2-standard-2"
    labels          = { source = "json" }
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.json_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

output "kubeconfig" {
  value     = local.json_kubeconfig
  sensitive = true
}
