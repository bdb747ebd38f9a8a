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

resource "google_compute_network" "backend" {
  name                    = "backend-net"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "gra" {
  name                     = "gra"
  region                   = "europe-west1"
  network                  = google_compute_network.backend.id
  ip_cidr_range            = "192.168.0.0/24"
  private_ip_google_access = true
}

resource "google_compute_subnetwork" "sbg" {
  name                     = "sbg"
  region                   = "europe-west3"
  network                  = google_compute_network.backend.id
  ip_cidr_range            = "192.168.1.0/24"
  private_ip_google_access = true
}

output "gra_openstack_network_id" {
  value = google_compute_network.backend.id
}
