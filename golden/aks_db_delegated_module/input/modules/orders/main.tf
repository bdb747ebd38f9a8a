variable "project" {
  type = string
}

variable "network_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.project
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 80
  nodes {
    region     = "GRA"
    network_id = var.network_id
    subnet_id  = var.subnet_id
  }
}
