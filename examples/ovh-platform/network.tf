resource "ovh_cloud_project_network_private" "main" {
  service_name = var.project_id
  name         = "${local.prefix}-net"
  vlan_id      = 42
  regions      = [var.region]
}

resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = var.project_id
  network_id   = ovh_cloud_project_network_private.main.id
  region       = var.region
  network      = var.private_cidr
  start        = cidrhost(var.private_cidr, 10)
  end          = cidrhost(var.private_cidr, 65000)
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_gateway" "main" {
  service_name = var.project_id
  name         = "${local.prefix}-gw"
  model        = "s"
  region       = var.region
  network_id   = tolist(ovh_cloud_project_network_private.main.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.nodes.id
}
