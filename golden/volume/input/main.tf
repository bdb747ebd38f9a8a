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

resource "ovh_cloud_project_volume" "data" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "pg-data"
  description  = "data disk for the self-hosted database"
  size         = 200
  type         = "high-speed-gen2"
}

output "volume_id" {
  value = ovh_cloud_project_volume.data.id
}
