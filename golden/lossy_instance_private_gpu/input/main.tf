terraform {
  required_providers {
    ovh = { source = "ovh/ovh", version = "~> 2.19" }
  }
}

variable "service_name" {
  type = string
}

variable "gpu_flavor" {
  type    = string
  default = "l4-90"
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "inference"
  regions      = ["EU-WEST-PAR"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "sub" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net.regions_openstack_ids["EU-WEST-PAR"]
  region       = "EU-WEST-PAR"
  name         = "inference"
  cidr         = "10.20.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_ssh_key" "ops" {
  service_name = var.service_name
  name         = "ops"
  public_key   = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnlyKeyMaterialForTests ops@example.org"
}

resource "ovh_cloud_project_instance" "gpu" {
  service_name      = var.service_name
  region            = "EU-WEST-PAR"
  availability_zone = "eu-west-par-b"
  name              = "inference-1"
  billing_period    = "monthly"

  flavor {
    flavor_id = var.gpu_flavor
  }

  boot_from {
    image_id = "Ubuntu 22.04"
  }

  network {
    public = false
    private {
      network {
        id        = ovh_cloud_project_network_private.net.regions_openstack_ids["EU-WEST-PAR"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.sub.id
      }
    }
  }

  ssh_key {
    name = ovh_cloud_project_ssh_key.ops.name
  }

  group {
    group_id = "00000000-0000-0000-0000-00000000abcd"
  }

  auto_backup {
    cron     = "0 2 * * *"
    rotation = 7
  }
}

resource "ovh_cloud_storage_block_volume" "secrets" {
  service_name = var.service_name
  region       = "EU-WEST-PAR"
  name         = "secrets"
  size         = 50
  volume_type  = "CLASSIC_LUKS"

  encryption = {
    enabled = true
  }
}

resource "ovh_cloud_project_volume" "models" {
  service_name = var.service_name
  region_name  = "EU-WEST-PAR"
  name         = "models"
  size         = 1000
  type         = "high-speed-gen2"
}

output "private_ip" {
  value = ovh_cloud_project_instance.gpu.addresses
}
