terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}

resource "google_compute_global_address" "private_services" {
  name          = "private-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 16
  network       = google_compute_network.net.id
}

# scaffolding: private services access, needed for Cloud SQL private IP
resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.net.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}
