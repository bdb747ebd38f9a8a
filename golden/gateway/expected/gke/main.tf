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

resource "google_compute_network" "net" {
  name                    = "egress-net"
  auto_create_subnetworks = false
}

resource "google_compute_router" "egress" {
  name    = "egress-gateway"
  region  = "europe-west1"
  network = google_compute_network.net.id
}

resource "google_compute_router_nat" "egress" {
  name                               = "egress-gateway"
  router                             = google_compute_router.egress.name
  region                             = google_compute_router.egress.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.net.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "net" {
  name                     = "net"
  region                   = "europe-west1"
  network                  = google_compute_network.net.id
  ip_cidr_range            = "10.10.0.0/24"
  private_ip_google_access = true
}

output "gateway_id" {
  value = google_compute_router.egress.id
}
