variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "n" {
  service_name = var.service_name
  name         = "prod"
}
