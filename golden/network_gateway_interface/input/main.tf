resource "ovh_cloud_project_network_private" "net" {
  service_name = var.project
  name         = "app"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "front" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.1.0.0/24"
  start        = "10.1.0.10"
  end          = "10.1.0.200"
}

resource "ovh_cloud_project_network_private_subnet" "back" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.2.0.0/24"
  start        = "10.2.0.10"
  end          = "10.2.0.200"
}

resource "ovh_cloud_project_gateway" "gw" {
  service_name = var.project
  name         = "edge"
  model        = "s"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.net.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.front.id
}

resource "ovh_cloud_project_gateway_interface" "back" {
  service_name = var.project
  region       = "GRA11"
  id           = ovh_cloud_project_gateway.gw.id
  subnet_id    = ovh_cloud_project_network_private_subnet.back.id
}

variable "project" {
  type = string
}
