variable "flavor" {
  description = "Database flavor"
  type        = string
  default     = "db1-7"
}

variable "pg_version" {
  type    = string
  default = "16"
}

variable "plan" {
  description = "essential, business or enterprise"
  type        = string
  default     = "business"
}

variable "region" {
  type    = string
  default = "GRA"
}

variable "settings" {
  type = map(string)
  default = {
    flavor  = "db1-4"
    version = "8"
  }
}

variable "engine" {
  type = string
}

variable "small_flavor" {
  type = string
}

resource "ovh_cloud_project_database" "pg" {
  service_name = "0123456789abcdef0123456789abcdef"
  engine       = "postgresql"
  version      = var.pg_version
  plan         = var.plan
  flavor       = var.flavor
  nodes {
    region = var.region
  }
}

resource "ovh_cloud_project_database" "my" {
  service_name = "0123456789abcdef0123456789abcdef"
  engine       = "mysql"
  version      = var.settings.version
  plan         = "essential"
  flavor       = var.settings.flavor
  nodes {
    region = var.region
  }
}

resource "ovh_cloud_project_database" "guessed" {
  service_name = "0123456789abcdef0123456789abcdef"
  engine       = var.engine
  version      = "15"
  plan         = "essential"
  flavor       = var.small_flavor
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "0123456789abcdef0123456789abcdef"
  cluster_id   = ovh_cloud_project_database.guessed.id
  name         = "app"
}

variable "mysql_nodes" {
  type = list(object({ region = string, network_id = string }))
  default = [
    { region = "SBG", network_id = null },
  ]
}

resource "ovh_cloud_project_database" "nodes" {
  service_name = "0123456789abcdef0123456789abcdef"
  engine       = "mysql"
  version      = "8"
  plan         = var.plan
  flavor       = "db1-4"
  dynamic "nodes" {
    for_each = var.mysql_nodes
    content {
      region     = nodes.value.region
      network_id = nodes.value.network_id
    }
  }
}
