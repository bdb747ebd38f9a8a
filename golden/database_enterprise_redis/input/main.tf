variable "service_name" {
  type = string
}

resource "ovh_cloud_project_database" "ledger" {
  service_name     = var.service_name
  description      = "ledger"
  engine           = "postgresql"
  version          = "17"
  plan             = "enterprise"
  flavor           = "db1-30"
  disk_size        = 640
  backup_time      = "01:00:00"
  maintenance_time = "01:15:00"

  nodes {
    region = "SBG"
  }
  nodes {
    region = "SBG"
  }
  nodes {
    region = "SBG"
  }

  ip_restrictions {
    ip          = "10.30.0.0/16"
    description = "apps"
  }
}

resource "ovh_cloud_project_database" "sessions" {
  service_name = var.service_name
  engine       = "redis"
  version      = "7.2"
  plan         = "business"
  flavor       = "db1-7"

  nodes {
    region = "SBG"
  }
  nodes {
    region = "SBG"
  }

  ip_restrictions {
    ip          = "10.30.0.0/16"
    description = "apps"
  }
}

resource "ovh_cloud_project_database_redis_user" "web" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.sessions.id
  name         = "web"
  categories   = ["+@all", "-@dangerous"]
  keys         = ["sess:*"]
}

output "ledger_host" {
  value = ovh_cloud_project_database.ledger.endpoints[0].domain
}

output "sessions_uri" {
  value = ovh_cloud_project_database.sessions.endpoints[0].uri
}
