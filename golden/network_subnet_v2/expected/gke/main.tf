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

resource "google_compute_network" "app" {
  name                    = "app-net"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "app" {
  name                     = "app-subnet"
  region                   = "europe-west1"
  network                  = google_compute_network.app.id
  ip_cidr_range            = "10.50.0.0/24"
  private_ip_google_access = true
}
