terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
}

variable "existing_kube_id" {
  description = "ID of a cluster created outside this module"
  type        = string
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  gpu_flavors = [for f in "TODO(IT206): data.ovh_cloud_project_flavors.gra.flavors" : f.name if startswith(f.name, "l40s-") || startswith(f.name, "l4-")]
}

data "google_container_cluster" "existing" {
  name = "TODO(IT308): name of the GKE cluster replacing the OVH cluster"
}

resource "google_container_node_pool" "extra" {
  name       = "extra"
  cluster    = data.google_container_cluster.existing.id
  node_count = 1

  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.existing_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

output "existing_cluster" {
  value = {
    name    = data.google_container_cluster.existing.name
    region  = data.google_container_cluster.existing.location
    version = data.google_container_cluster.existing.master_version
    url     = data.google_container_cluster.existing.endpoint
  }
}

output "gpu_flavors" {
  value = local.gpu_flavors
}

output "kube_regions" {
  value = "TODO(IT206): data.ovh_cloud_project_regions.kube.names"
}
