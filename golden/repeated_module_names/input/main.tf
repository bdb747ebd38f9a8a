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
  description = "OVHcloud Public Cloud project ID"
  type        = string
}

module "blue" {
  source       = "./modules/stack"
  service_name = var.service_name
}

module "green" {
  source       = "./modules/stack"
  service_name = var.service_name
}
