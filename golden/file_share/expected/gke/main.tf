terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

variable "service_name" {
  type = string
}

resource "google_compute_network" "shares" {
  name                    = "shares"
  auto_create_subnetworks = false
}

resource "google_filestore_instance" "data" {
  name     = "team-data"
  location = "europe-west1-b"
  tier     = "ZONAL"

  file_shares {
    name        = "share"
    capacity_gb = 1024
  }
  networks {
    network = google_compute_network.shares.id
    modes   = ["MODE_IPV4"]
  }
}

output "nfs_export" {
  value = "${google_filestore_instance.data.networks[0].ip_addresses[0]}:/share"
}
