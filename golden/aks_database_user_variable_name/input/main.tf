variable "project" {
  type = string
}

variable "chat_db_user" {
  type    = string
  default = "chat"
}

resource "ovh_cloud_project_database" "chat" {
  service_name = var.project
  description  = "chat-db"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database_postgresql_user" "chat" {
  service_name = var.project
  cluster_id   = ovh_cloud_project_database.chat.id
  name         = var.chat_db_user
  roles        = ["replication"]
}

output "chat_db_uri" {
  value = join("", [
    "postgres://",
    ovh_cloud_project_database_postgresql_user.chat.name,
    ":",
    ovh_cloud_project_database_postgresql_user.chat.password,
    "@",
    ovh_cloud_project_database.chat.endpoints[0].domain,
    "/defaultdb?sslmode=require",
  ])
  sensitive = true
}
