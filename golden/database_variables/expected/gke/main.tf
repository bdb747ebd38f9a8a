variable "engine" {
  type = string
}

variable "flavor" {
  description = "Database flavor. Takes a Cloud SQL tier (db-custom-<vCPU>-<MB>) (translated from OVHcloud)."
  type        = string
  default     = "db-custom-2-7168"
}

variable "mysql_nodes" {
  description = "Takes a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = list(object({ region = string, network_id = string }))
  default     = [{ region = "europe-west3", network_id = null }]
}

variable "pg_version" {
  description = "Takes a Cloud SQL database_version (e.g. POSTGRES_17) (translated from OVHcloud)."
  type        = string
  default     = "POSTGRES_16"
}

variable "plan" {
  description = "essential, business or enterprise"
  type        = string
  default     = "business"
}

variable "region" {
  description = "Takes a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = string
  default     = "europe-west1"
}

variable "settings" {
  description = "Takes a Cloud SQL database_version (e.g. POSTGRES_17) or a Cloud SQL tier (db-custom-<vCPU>-<MB>) (translated from OVHcloud)."
  type        = map(string)
  default     = { flavor = "db-custom-2-4096", version = "MYSQL_8_0" }
}

variable "small_flavor" {
  description = "Takes a Cloud SQL tier (db-custom-<vCPU>-<MB>) (translated from OVHcloud)."
  type        = string
}

resource "google_sql_database_instance" "guessed" {
  name                = "guessed"
  region              = "europe-west1"
  database_version    = "POSTGRES_15"
  deletion_protection = true

  settings {
    tier = var.small_flavor
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "my" {
  name                = "my"
  region              = var.region
  database_version    = var.settings.version
  deletion_protection = true

  settings {
    tier = var.settings.flavor
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }
  }
}

resource "google_sql_database_instance" "nodes" {
  name                = "nodes"
  region              = [for n in var.mysql_nodes : n][0].region
  database_version    = "MYSQL_8_0"
  deletion_protection = true

  settings {
    tier = "db-custom-2-4096"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = length(var.mysql_nodes) >= 2 || contains(["advanced", "business", "enterprise", "production"], var.plan) ? "REGIONAL" : "ZONAL"
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }
  }
}

resource "google_sql_database_instance" "pg" {
  name                = "pg"
  region              = var.region
  database_version    = var.pg_version
  deletion_protection = true

  settings {
    tier = var.flavor
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = contains(["advanced", "business", "enterprise", "production"], var.plan) ? "REGIONAL" : "ZONAL"
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_user" "app" {
  name     = "app"
  instance = google_sql_database_instance.guessed.name
  password = random_password.app.result
}

# OVH generates database passwords; random_password does it here
resource "random_password" "app" {
  length  = 32
  special = false
}
