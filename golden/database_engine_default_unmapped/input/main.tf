terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "project" {
  description = "Public Cloud project of the shop"
  type        = string
}

variable "engine_release" {
  description = "MySQL release the shop was certified on"
  type        = string
  default     = "5.7"
}

resource "ovh_cloud_project_database" "shop" {
  service_name = var.project
  description  = "shop"
  engine       = "mysql"
  version      = var.engine_release
  plan         = "essential"
  flavor       = "db1-4"

  nodes {
    region = "SBG"
  }

  ip_restrictions {
    ip          = "203.0.113.0/24"
    description = "shop front"
  }
}
