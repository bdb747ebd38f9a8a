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

resource "google_storage_bucket" "archive" {
  name                        = "acme-archive-prod"
  location                    = "EUROPE-WEST1"
  uniform_bucket_level_access = true
  force_destroy               = false
  # GCS label keys and values must be lowercase
  labels = { environment = "prod", team = "data" }

  versioning {
    enabled = true
  }
  retention_policy {
    retention_period = 2592000
  }
}

output "archive_endpoint" {
  value = "${google_storage_bucket.archive.name}.storage.googleapis.com"
}
