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

variable "db_allowed_networks" {
  description = "Networks allowed to connect to MySQL"
  type = list(object({
    cidr        = string
    description = string
  }))
  default = [
    { cidr = "10.20.0.0/16", description = "app subnet" },
    { cidr = "198.51.100.7/32", description = "admin vpn" },
  ]
}

resource "ovh_cloud_project_database" "mysql" {
  service_name = var.service_name
  description  = "cms-mysql"
  engine       = "mysql"
  version      = "8"
  plan         = "essential"
  flavor       = "db1-4"

  nodes {
    region = "SBG"
  }

  dynamic "ip_restrictions" {
    for_each = var.db_allowed_networks
    content {
      ip          = ip_restrictions.value.cidr
      description = ip_restrictions.value.description
    }
  }

  advanced_configuration = {
    "mysql.sql_mode"                = "ANSI,TRADITIONAL"
    "mysql.sql_require_primary_key" = "true"
  }
}

resource "ovh_cloud_project_database_database" "cms" {
  service_name = var.service_name
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.mysql.id
  name         = "cms"
}

resource "ovh_cloud_project_database_user" "cms" {
  service_name = var.service_name
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.mysql.id
  name         = "cms"
}
