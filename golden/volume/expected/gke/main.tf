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

resource "google_compute_disk" "data" {
  name = "pg-data"
  zone = "europe-west1-b"
  size = 200
  type = "pd-ssd"
}

output "volume_id" {
  value = google_compute_disk.data.id
}
