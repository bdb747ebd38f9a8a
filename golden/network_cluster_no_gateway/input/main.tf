variable "service_name" {
  type = string
}

variable "region" {
  type    = string
  default = "GRA7"
}

resource "ovh_cloud_project_network_private" "private" {
  service_name = var.service_name
  name         = "kube-private"
  regions      = [var.region]
}

resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.private.id
  region       = var.region
  network      = "10.42.0.0/20"
  start        = "10.42.0.10"
  end          = "10.42.15.250"
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_kube" "apps" {
  service_name       = var.service_name
  name               = "apps"
  region             = var.region
  version            = "1.31"
  private_network_id = tolist(ovh_cloud_project_network_private.private.regions_attributes[*].openstackid)[0]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.nodes.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = false
  }

  depends_on = [ovh_cloud_project_network_private_subnet.nodes]
}

resource "ovh_cloud_project_kube_nodepool" "workers" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.apps.id
  name          = "workers"
  flavor_name   = "b3-8"
  desired_nodes = 3
  min_nodes     = 3
  max_nodes     = 3
}

resource "ovh_cloud_floating_ip" "ingress" {
  service_name = var.service_name
  region       = var.region
  description  = "ingress entry point"
}

output "ingress_ip" {
  value = ovh_cloud_floating_ip.ingress.id
}
