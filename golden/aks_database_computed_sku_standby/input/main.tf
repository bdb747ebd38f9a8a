variable "catalog_flavor" {
  type    = string
  default = "db1-7"
}

resource "ovh_cloud_project_database" "catalog" {
  service_name = "0123456789abcdef0123456789abcdef"
  description  = "catalog"
  engine       = "mysql"
  version      = "8"
  plan         = "business"
  flavor       = var.catalog_flavor
  disk_size    = 40
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}
