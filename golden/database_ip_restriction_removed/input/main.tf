terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = ">= 0.34"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  type = string
}

variable "allowed_ips" {
  type    = list(string)
  default = ["10.20.0.0/16", "203.0.113.10/32"]
}

resource "ovh_cloud_project_database" "pg" {
  service_name = var.service_name
  description  = "legacy-pg"
  engine       = "postgresql"
  version      = "14"
  plan         = "essential"
  flavor       = "db1-4"

  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database_ip_restriction" "allowed" {
  for_each = toset(var.allowed_ips)

  service_name = var.service_name
  engine       = ovh_cloud_project_database.pg.engine
  cluster_id   = ovh_cloud_project_database.pg.id
  ip           = each.value
  description  = "allowed ${each.value}"
}

resource "ovh_cloud_project_database_ip_restriction" "office" {
  service_name = var.service_name
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.pg.id
  ip           = "198.51.100.0/24"
  description  = "office"
}
