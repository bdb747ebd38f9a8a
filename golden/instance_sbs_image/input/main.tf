terraform {
  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 3.0"
    }
  }
}

variable "worker_flavor" {
  description = "Size of the queue workers"
  type        = string
  default     = "b3-16"
}

resource "openstack_compute_instance_v2" "scheduler" {
  name        = "scheduler"
  region      = "SBG5"
  flavor_name = "b3-8"
  image_name  = "Debian 12"
}

resource "openstack_compute_instance_v2" "worker" {
  name        = "worker"
  region      = "SBG5"
  flavor_name = var.worker_flavor
  image_name  = "Ubuntu 24.04"
}
