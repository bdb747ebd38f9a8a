terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

variable "ssh_public_key" {
  type    = string
  default = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnlyKeyMaterialForTests ops@example.org"
}

data "ovh_cloud_project_flavors" "b3" {
  service_name = var.service_name
  region       = "GRA11"
  name_filter  = "b3-8"
}

data "ovh_cloud_project_images" "linux" {
  service_name = var.service_name
  region       = "GRA11"
  os_type      = "linux"
}

locals {
  flavor_id = [for f in data.ovh_cloud_project_flavors.b3.flavors : f.id if f.name == "b3-8" && f.os_type == "linux"][0]
  image_id  = [for i in data.ovh_cloud_project_images.linux.images : i.id if i.name == "Ubuntu 24.04"][0]
}

resource "ovh_cloud_project_instance" "bastion" {
  service_name   = var.service_name
  region         = "GRA11"
  name           = "bastion"
  billing_period = "hourly"

  flavor {
    flavor_id = local.flavor_id
  }

  boot_from {
    image_id = local.image_id
  }

  network {
    public = true
  }

  ssh_key_create {
    name       = "bastion-key"
    public_key = var.ssh_public_key
  }

  user_data = <<-EOT
    #cloud-config
    package_update: true
    packages:
      - fail2ban
    runcmd:
      - systemctl enable --now fail2ban
  EOT
}

output "bastion_addresses" {
  value = ovh_cloud_project_instance.bastion.addresses
}
