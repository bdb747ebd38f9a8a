variable "project" {
  type = string
}

variable "network_id" {
  type = string
}

resource "ovh_cloud_project_database" "catalog" {
  service_name = var.project
  description  = "catalog"
  engine       = "mysql"
  version      = "8"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 80
  nodes {
    region     = "GRA"
    network_id = var.network_id
  }
}
