variable "service_name" {
  type = string
}

variable "label" {
  type = string
}

resource "ovh_cloud_project_network_private" "backbone" {
  service_name = var.service_name
  name         = "backbone"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "workers" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.backbone.id
  region       = "GRA11"
  start        = "10.4.0.10"
  end          = "10.4.0.200"
  network      = "10.4.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_network_private" "labelled" {
  service_name = var.service_name
  name         = "lan-${var.label}"
  regions      = ["GRA11"]
}
