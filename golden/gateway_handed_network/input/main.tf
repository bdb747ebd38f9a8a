terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.1"
    }
  }
}

variable "service_name" {
  type = string
}

variable "name" {
  type    = string
  default = "edge"
}

variable "region" {
  type    = string
  default = "GRA11"
}

variable "network_id" {
  type        = string
  description = "ID of the private network"
}

variable "subnet_id" {
  type        = string
  description = "ID of the subnet"
}

resource "ovh_cloud_project_gateway" "gateway" {
  service_name = var.service_name
  name         = var.name
  model        = "s"
  region       = var.region
  network_id   = var.network_id
  subnet_id    = var.subnet_id
}

output "id" {
  value = ovh_cloud_project_gateway.gateway.id
}

output "gateway_name" {
  value = ovh_cloud_project_gateway.gateway.name
}
