variable "project" {
  type = string
}

variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

resource "ovh_cloud_project_network_private" "lan" {
  service_name = var.project
  name         = "${var.name}-lan"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "site_nodes" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.lan.id
  region       = "GRA11"
  network      = var.cidr
  start        = cidrhost(var.cidr, 10)
  end          = cidrhost(var.cidr, 250)
  dhcp         = true
}

output "lan_openstack_id" {
  value = ovh_cloud_project_network_private.lan.regions_openstack_ids["GRA11"]
}

output "nodes_subnet_id" {
  value = ovh_cloud_project_network_private_subnet.site_nodes.id
}
