variable "service_name" {
  type = string
}

variable "prefix" {
  type = string
}

resource "ovh_cloud_project_network_private" "uplink" {
  service_name = var.service_name
  name         = "${var.prefix}-uplink"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "uplink" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.uplink.id
  region       = "GRA11"
  start        = "10.9.0.10"
  end          = "10.9.0.200"
  network      = "10.9.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_gateway" "exit" {
  service_name = var.service_name
  name         = "exit"
  model        = "s"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.uplink.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.uplink.id
}
