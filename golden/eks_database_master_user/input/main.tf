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

resource "ovh_cloud_project_database" "ledger" {
  service_name = var.project_id
  description  = "ledger"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 40

  nodes {
    region = "GRA"
  }
}

# Aiven's built-in administrator: OVH creates it with the cluster, this reads it in.
resource "ovh_cloud_project_database_postgresql_user" "root" {
  service_name   = var.project_id
  cluster_id     = ovh_cloud_project_database.ledger.id
  name           = "avnadmin"
  password_reset = "rotate-2026-11"
}

resource "ovh_cloud_project_database_postgresql_user" "worker" {
  service_name = var.project_id
  cluster_id   = ovh_cloud_project_database.ledger.id
  name         = "ledger_worker"
}

output "admin_name" {
  value = ovh_cloud_project_database_postgresql_user.root.name
}

output "admin_password" {
  value     = ovh_cloud_project_database_postgresql_user.root.password
  sensitive = true
}

output "admin_dsn" {
  value = join("", [
    "postgres://", ovh_cloud_project_database_postgresql_user.root.name, ":",
    ovh_cloud_project_database_postgresql_user.root.password, "@",
    ovh_cloud_project_database.ledger.endpoints[0].domain, ":",
    ovh_cloud_project_database.ledger.endpoints[0].port, "/defaultdb?sslmode=require"
  ])
  sensitive = true
}
