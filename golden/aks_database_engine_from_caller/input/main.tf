variable "settings" {
  type = object({
    engine  = string
    version = string
    region  = string
  })
}

resource "ovh_cloud_project_database" "store" {
  service_name = "0123456789abcdef0123456789abcdef"
  description  = "store"
  engine       = var.settings.engine
  version      = var.settings.version
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = var.settings.region
  }
}
