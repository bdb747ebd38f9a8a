resource "google_sql_database" "app" {
  name     = "app"
  instance = google_sql_database_instance.pg.name
}

resource "google_sql_database_instance" "pg" {
  name                = "pg"
  region              = local.short_region
  database_version    = "POSTGRES_16"
  deletion_protection = var.environment == "prod"

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
        value = google_compute_subnetwork.nodes.ip_cidr_range
        name  = "kubernetes nodes subnet"
      }
      dynamic "authorized_networks" {
        for_each = var.admin_cidrs
        iterator = ip_restrictions

        content {
          value = ip_restrictions.value
          name  = "admin"
        }
      }
    }
    backup_configuration {
      enabled                        = true
      start_time                     = "02:30"
      point_in_time_recovery_enabled = true
    }
    # OVH maintenance is daily; Cloud SQL needs a day of the week (7 = Sunday)
    maintenance_window {
      day  = 7
      hour = 3
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "500"
    }
  }
}

resource "google_sql_user" "app" {
  name     = "app"
  instance = google_sql_database_instance.pg.name
  password = random_password.app.result
}

# OVH generates database passwords; random_password does it here
resource "random_password" "app" {
  length  = 32
  special = false
}
