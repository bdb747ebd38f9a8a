variable "project" {
  type = string
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.project
  name         = "apps"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.20.0.10"
  end          = "10.20.0.250"
  network      = "10.20.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_kube" "k" {
  service_name       = var.project
  name               = "apps"
  region             = "GRA11"
  private_network_id = tolist(ovh_cloud_project_network_private.net.regions_attributes)[0].openstackid
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.nodes.id
}

output "id" {
  value = ovh_cloud_project_kube.k.id
}
