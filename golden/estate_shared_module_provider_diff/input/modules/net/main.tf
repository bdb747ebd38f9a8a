terraform {
  required_providers {
    ovh = {
      source = "ovh/ovh"
    }
  }
}

variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "net"
  regions      = ["GRA11"]
}
