terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west3"
}

variable "db_allowed_networks" {
  description = "Networks allowed to connect to MySQL"
  type        = list(object({ cidr = string, description = string }))
  default = [
    { cidr = "10.20.0.0/16", description = "app subnet" },
    { cidr = "198.51.100.7/32", description = "admin vpn" },
  ]
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_sql_database" "cms" {
  name     = "cms"
  instance = google_sql_database_instance.mysql.name
}

# cms-mysql (from ovh_cloud_project_database.mysql)
resource "google_sql_database_instance" "mysql" {
  name                = "mysql"
  region              = "europe-west3"
  database_version    = "MYSQL_8_0"
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
        for_each = var.db_allowed_networks
        iterator = ip_restrictions

        content {
          value = ip_restrictions.value.cidr
          name  = ip_restrictions.value.description
        }
      }
    }
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }
    database_flags {
      name  = "sql_mode"
      value = "ANSI,TRADITIONAL"
    }
    database_flags {
      name  = "sql_require_primary_key"
      value = "true"
    }
  }
}

resource "google_sql_user" "cms" {
  name     = "cms"
  instance = google_sql_database_instance.mysql.name
  password = random_password.cms.result
}

# OVH generates database passwords; random_password does it here
resource "random_password" "cms" {
  length  = 32
  special = false
}
