terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "project_id" {
  description = "Public Cloud project"
  type        = string
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.project_id
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 40

  nodes {
    region = "GRA"
  }
}

# Aiven's built-in administrator: OVH creates it with the cluster; the source only reads it.
data "ovh_cloud_project_database_user" "avnadmin" {
  service_name = var.project_id
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.orders.id
  name         = "avnadmin"
}

# A user created by hand in the OVH console, read for its roles.
data "ovh_cloud_project_database_postgresql_user" "reporting" {
  service_name = var.project_id
  cluster_id   = ovh_cloud_project_database.orders.id
  name         = "reporting"
}

locals {
  reporting_roles = data.ovh_cloud_project_database_postgresql_user.reporting.roles
}

output "admin_user" {
  value = data.ovh_cloud_project_database_user.avnadmin.name
}

output "admin_dsn" {
  value = join("", [
    "postgres://", data.ovh_cloud_project_database_user.avnadmin.name, "@",
    ovh_cloud_project_database.orders.endpoints[0].domain, ":",
    ovh_cloud_project_database.orders.endpoints[0].port, "/defaultdb?sslmode=require"
  ])
}

output "admin_cluster" {
  value = {
    cluster = data.ovh_cloud_project_database_user.avnadmin.cluster_id
    engine  = data.ovh_cloud_project_database_user.avnadmin.engine
  }
}

output "admin_status" {
  value = data.ovh_cloud_project_database_user.avnadmin.status
}
