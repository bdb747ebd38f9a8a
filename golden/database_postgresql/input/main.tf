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

resource "ovh_cloud_project_database" "pg" {
  service_name        = var.service_name
  description         = "orders-db"
  engine              = "postgresql"
  version             = "16"
  plan                = "business"
  flavor              = "db1-15"
  disk_size           = 160
  backup_time         = "03:30:00"
  maintenance_time    = "04:30:00"
  backup_regions      = ["GRA"]
  deletion_protection = true

  nodes {
    region = "GRA"
  }

  nodes {
    region = "GRA"
  }

  ip_restrictions {
    ip          = "10.20.0.0/16"
    description = "kubernetes nodes"
  }

  ip_restrictions {
    ip          = "203.0.113.10/32"
    description = "bastion"
  }

  advanced_configuration = {
    "pg.log_min_duration_statement" = "1000"
    "pg.max_connections"            = "200"
    "pglookout.max_failover_replication_time_lag" = "60"
  }
}

resource "ovh_cloud_project_database_database" "orders" {
  service_name = var.service_name
  engine       = ovh_cloud_project_database.pg.engine
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "orders"
}

resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "orders_app"
  roles        = ["replication"]
}

output "pg_uri" {
  value = ovh_cloud_project_database.pg.endpoints[0].uri
}

output "pg_app_password" {
  value     = ovh_cloud_project_database_postgresql_user.app.password
  sensitive = true
}
