resource "ovh_cloud_project_database" "pg" {
  service_name        = var.project_id
  description         = "${local.prefix}-pg"
  engine              = "postgresql"
  version             = "16"
  plan                = "business"
  flavor              = "db1-15"
  disk_size           = 160
  backup_time         = "02:30:00"
  maintenance_time    = "03:30:00"
  deletion_protection = var.environment == "prod"

  nodes {
    region = local.short_region
  }

  nodes {
    region = local.short_region
  }

  ip_restrictions {
    ip          = ovh_cloud_project_network_private_subnet.nodes.cidr
    description = "kubernetes nodes subnet"
  }

  dynamic "ip_restrictions" {
    for_each = var.admin_cidrs
    content {
      ip          = ip_restrictions.value
      description = "admin"
    }
  }

  advanced_configuration = {
    "pg.log_min_duration_statement" = "500"
  }
}

resource "ovh_cloud_project_database_database" "app" {
  service_name = var.project_id
  engine       = ovh_cloud_project_database.pg.engine
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "app"
}

resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = var.project_id
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "app"
}
