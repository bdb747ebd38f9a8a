terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = local.region
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  region = "europe-west1"
}

resource "google_compute_address" "web" {
  name         = "web"
  region       = local.region
  description  = "public address of web-1"
  address_type = "EXTERNAL"
}

resource "google_compute_disk" "data" {
  name = "web-data"
  zone = "TODO(IT304): zone"
  size = 100
  type = "pd-ssd"
}

resource "google_compute_instance" "web" {
  name         = "web-1"
  zone         = "TODO(IT304): zone"
  machine_type = "n2-standard-2"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"

    access_config {}
  }

  depends_on = [google_compute_router.app]
}

resource "google_compute_network" "app" {
  name                    = "app-vrack"
  auto_create_subnetworks = false
  description             = "application private network"
}

resource "google_compute_router" "app" {
  name    = "app-gateway"
  region  = local.region
  network = google_compute_network.app.id
}

resource "google_compute_router_nat" "app" {
  name                               = "app-gateway"
  router                             = google_compute_router.app.name
  region                             = google_compute_router.app.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.app.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "app" {
  name                     = "app-subnet"
  region                   = local.region
  network                  = google_compute_network.app.id
  ip_cidr_range            = "10.210.0.0/24"
  private_ip_google_access = true
}

# TODO(IT305): ovh_cloud_security_group.web (ovh_cloud_security_group) has no GKE equivalent and was not translated.
