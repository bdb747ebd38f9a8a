resource "ovh_cloud_project_network_private" "a" {
  service_name = var.project
  name         = "app_net"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private" "b" {
  service_name = var.project
  name         = "app-net"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private" "c" {
  service_name = var.project
  name         = "billing"
  regions      = ["GRA11"]
}

variable "project" {
  type = string
}
