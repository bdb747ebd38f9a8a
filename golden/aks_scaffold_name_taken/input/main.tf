variable "resource_group_name" {
  type    = string
  default = "rg"
}

resource "ovh_cloud_project_storage" "s" {
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-x"
}

output "o" {
  value = var.resource_group_name
}
