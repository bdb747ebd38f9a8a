terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

data "google_compute_network" "shared" {
  name = "shared-private"
}

resource "google_compute_address" "web" {
  name         = "web"
  address_type = "EXTERNAL"
}

resource "google_compute_attached_disk" "data" {
  disk     = google_compute_disk.data.id
  instance = google_compute_instance.web.id
}

resource "google_compute_disk" "data" {
  name = "data"
  zone = "europe-west1-b"
  size = 20
}

resource "google_compute_firewall" "http" {
  name          = "http"
  network       = google_compute_network.private.id
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["web"]

  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}

resource "google_compute_instance" "web" {
  name         = "web"
  zone         = "europe-west1-b"
  machine_type = "n2-standard-2"
  tags         = ["web"]

  boot_disk {
    initialize_params {
      image = "ubuntu-os-cloud/ubuntu-2204-lts"
    }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.private.id

    access_config {}
  }
  lifecycle {
    ignore_changes = [boot_disk, metadata]
  }
}

resource "google_compute_network" "private" {
  name                    = "private"
  auto_create_subnetworks = false
}

resource "google_compute_router" "gw" {
  name    = "gw"
  region  = "europe-west1"
  network = google_compute_network.private.id
}

resource "google_compute_router_nat" "gw" {
  name                               = "gw"
  router                             = google_compute_router.gw.name
  region                             = google_compute_router.gw.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.private.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "private" {
  name                     = "private"
  region                   = "europe-west1"
  network                  = google_compute_network.private.id
  ip_cidr_range            = "10.0.1.0/24"
  private_ip_google_access = true
}

# TODO(IT305): openstack_lb_loadbalancer_v2.lb (openstack_lb_loadbalancer_v2, OpenStack on OVH Public Cloud) was not translated.

output "ip" {
  value = google_compute_instance.web.network_interface[0].access_config[0].nat_ip
}

output "key_name" {
  value = "TODO(IT206): openstack_compute_keypair_v2.me.name"
}

output "public_ip" {
  value = google_compute_address.web.address
}

output "shared_network" {
  value = data.google_compute_network.shared.id
}
