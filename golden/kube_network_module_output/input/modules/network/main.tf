variable "project" {
  type = string
}

resource "ovh_cloud_project_network_private" "lan" {
  service_name = var.project
  name         = "trading-lan"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "workers" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.lan.id
  region       = "GRA11"
  network      = "10.0.0.0/16"
  start        = "10.0.1.0"
  end          = "10.0.255.254"
  dhcp         = true
}

output "regional_network_id" {
  value = ovh_cloud_project_network_private.lan.regions_openstack_ids["GRA11"]
}

output "workers_cidr" {
  value = ovh_cloud_project_network_private_subnet.workers.network
}

output "workers_subnet" {
  value = ovh_cloud_project_network_private_subnet.workers.id
}
