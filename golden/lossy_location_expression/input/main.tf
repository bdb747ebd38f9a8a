variable "service_name" {
  type = string
}

variable "region" {
  type    = string
  default = "GRA11"
}

locals {
  short_region = upper(replace(var.region, "/[0-9]+$/", ""))
}

resource "ovh_cloud_project_storage" "logs" {
  service_name = var.service_name
  region_name  = substr(var.region, 0, 3)
  name         = "acme-logs"
}

resource "ovh_cloud_project_storage" "assets" {
  service_name = var.service_name
  region_name  = local.short_region
  name         = "acme-assets"
}
