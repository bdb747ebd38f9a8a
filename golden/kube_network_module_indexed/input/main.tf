variable "project" {
  type = string
}

variable "with_edge" {
  type    = bool
  default = true
}

module "edge" {
  source  = "./modules/network"
  count   = var.with_edge ? 1 : 0
  project = var.project
  name    = "edge"
  cidr    = "10.10.0.0/16"
}

module "site" {
  source   = "./modules/site"
  for_each = toset(["sbg"])
  project  = var.project
  name     = each.key
  cidr     = "10.20.0.0/16"
}

resource "ovh_cloud_project_kube" "edge" {
  service_name       = var.project
  name               = "edge"
  region             = "GRA11"
  private_network_id = module.edge[0].lan_openstack_id
}

resource "ovh_cloud_project_kube" "site" {
  service_name       = var.project
  name               = "site"
  region             = "GRA11"
  private_network_id = module.site["sbg"].lan_openstack_id
}

resource "ovh_cloud_project_kube_nodepool" "edge_pool" {
  service_name  = var.project
  kube_id       = ovh_cloud_project_kube.edge.id
  name          = "edge-pool"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
