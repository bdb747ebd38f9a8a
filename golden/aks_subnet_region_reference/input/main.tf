variable "project" {
  type = string
}

variable "where" {
  type    = string
  default = "SBG5"
}

resource "ovh_cloud_project_network_private" "backend" {
  service_name = var.project
  name         = "backend"
  regions      = [var.where]
}

resource "ovh_cloud_project_network_private_subnet" "backend_nodes" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.backend.id
  region       = var.where
  network      = "10.42.0.0/20"
  start        = "10.42.0.2"
  end          = "10.42.15.254"
  dhcp         = true
}

resource "ovh_cloud_project_gateway" "egress" {
  service_name = var.project
  name         = "egress"
  model        = "s"
  region       = ovh_cloud_project_network_private_subnet.backend_nodes.region
  network_id   = tolist(ovh_cloud_project_network_private.backend.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.backend_nodes.id
}

output "placed_in" {
  value = ovh_cloud_project_network_private_subnet.backend_nodes.region
}
