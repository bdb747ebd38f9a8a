variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "alone" {
  service_name = var.service_name
  name         = "alone"
  regions      = ["GRA11"]
}
