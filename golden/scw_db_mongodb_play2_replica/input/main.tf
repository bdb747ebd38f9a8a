variable "service_name" {
  type = string
}

resource "ovh_cloud_project_database" "catalog" {
  service_name = var.service_name
  description  = "catalog"
  engine       = "mongodb"
  version      = "7.0"
  plan         = "business"
  flavor       = "db2-4"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}
