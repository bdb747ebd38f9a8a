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

variable "ssh_public_key" {
  type    = string
  default = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnlyKeyMaterialForTests ops@example.org"
}

resource "google_compute_instance" "bastion" {
  name         = "bastion"
  zone         = "europe-west1-b"
  machine_type = "n2-standard-2"
  metadata = {
    "ssh-keys"  = "ubuntu:${var.ssh_public_key}"
    "user-data" = <<-EOT
      #cloud-config
      package_update: true
      packages:
        - fail2ban
      runcmd:
        - systemctl enable --now fail2ban
    EOT
  }

  boot_disk {
    initialize_params {
      image = "ubuntu-os-cloud/ubuntu-2404-lts-amd64"
    }
  }
  network_interface {
    network = "default"

    access_config {}
  }
}

output "bastion_addresses" {
  value = "TODO(IT206): ovh_cloud_project_instance.bastion.addresses"
}
