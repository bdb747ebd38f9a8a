terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "allowed_ips" {
  type    = list(string)
  default = ["10.20.0.0/16", "203.0.113.10/32"]
}

variable "service_name" {
  type = string
}

# legacy-pg (from ovh_cloud_project_database.pg)
resource "google_sql_database_instance" "pg" {
  name                = "pg"
  region              = "europe-west1"
  database_version    = "POSTGRES_14"
  deletion_protection = true

  settings {
    tier = "db-custom-2-4096"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      dynamic "authorized_networks" {
        for_each = toset(var.allowed_ips)

        content {
          value = authorized_networks.value
          name  = "allowed ${authorized_networks.value}"
        }
      }
      authorized_networks {
        value = "198.51.100.0/24"
        name  = "office"
      }
    }
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}
