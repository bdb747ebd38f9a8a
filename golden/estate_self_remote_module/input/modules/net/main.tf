variable "service_name" {
  type = string
}

variable "name" {
  type = string
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = var.name
  regions      = ["GRA11"]
}

output "id" {
  value = ovh_cloud_project_network_private.net.id
}
