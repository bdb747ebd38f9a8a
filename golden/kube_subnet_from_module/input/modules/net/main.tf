resource "ovh_cloud_project_network_private" "n" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "prod"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "s" {
  service_name = "0123456789abcdef0123456789abcdef"
  network_id   = tolist(ovh_cloud_project_network_private.n.regions_attributes)[0].openstackid
  name         = "nodes"
  region       = "GRA11"
  cidr         = "10.10.0.0/20"
}

output "network_id" {
  value = one(ovh_cloud_project_network_private.n.regions_attributes[*].openstackid)
}

output "subnet_id" {
  value = ovh_cloud_project_network_private_subnet_v2.s.id
}
