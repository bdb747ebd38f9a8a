terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_sql_database" "orders" {
  name     = "orders"
  instance = google_sql_database_instance.pg.name
}

# orders-db (from ovh_cloud_project_database.pg)
resource "google_sql_database_instance" "pg" {
  name                = "pg"
  region              = "europe-west1"
  database_version    = "POSTGRES_16"
  deletion_protection = true

  settings {
    tier = "db-custom-4-15360"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "REGIONAL"
    disk_size         = 160
    disk_autoresize   = false
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      authorized_networks {
        value = "10.20.0.0/16"
        name  = "kubernetes nodes"
      }
      authorized_networks {
        value = "203.0.113.10/32"
        name  = "bastion"
      }
    }
    backup_configuration {
      enabled                        = true
      start_time                     = "03:30"
      point_in_time_recovery_enabled = true
      location                       = "europe-west1"
    }
    # OVH maintenance is daily; Cloud SQL needs a day of the week (7 = Sunday)
    maintenance_window {
      day  = 7
      hour = 4
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }
    database_flags {
      name  = "max_connections"
      value = "200"
    }
    database_flags {
      name  = "max_failover_replication_time_lag"
      value = "60"
    }
  }
}

resource "google_sql_user" "app" {
  name     = "orders_app"
  instance = google_sql_database_instance.pg.name
  password = random_password.app.result
}

# OVH generates database passwords; random_password does it here
resource "random_password" "app" {
  length  = 32
  special = false
}

output "pg_app_password" {
  value     = random_password.app.result
  sensitive = true
}

output "pg_uri" {
  value = "postgresql://${google_sql_database_instance.pg.public_ip_address}:5432"
}
