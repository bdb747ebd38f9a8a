terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = ">= 2.0"
    }
  }
}

variable "service_name" {
  type = string
}

variable "name" {
  type = string
}

resource "ovh_cloud_project_storage" "this" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = var.name
}

output "name" {
  value = ovh_cloud_project_storage.this.name
}
