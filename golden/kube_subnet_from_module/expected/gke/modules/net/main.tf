resource "google_compute_network" "n" {
  name                    = "prod"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "s" {
  name                     = "nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.n.id
  ip_cidr_range            = "10.10.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "k-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "k-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

output "network_id" {
  value = one([google_compute_network.n.id])
}

output "subnet_id" {
  value = google_compute_subnetwork.s.id
}
