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

resource "google_memorystore_instance" "cache" {
  instance_id                 = "cache"
  location                    = "europe-west1"
  mode                        = "CLUSTER_DISABLED"
  shard_count                 = 1
  replica_count               = 0
  node_type                   = "STANDARD_SMALL"
  engine_version              = "VALKEY_8_0"
  deletion_protection_enabled = true

  desired_auto_created_endpoints {
    network    = "TODO(IT308): VPC network id for the endpoint"
    project_id = data.google_client_config.default.project
  }
}

output "valkey_uri" {
  value = "rediss://${google_memorystore_instance.cache.discovery_endpoints[0].address}:6379"
}
