variable "service_name" {
  type = string
}

resource "ovh_cloud_project_database" "pg" {
  service_name = var.service_name
  description  = "app"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"

  nodes {
    region = "GRA"
  }
}
