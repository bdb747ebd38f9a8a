variable "project" {
  type = string
}

module "vrack" {
  source  = "./modules/network"
  project = var.project
}

resource "ovh_cloud_project_kube" "trading" {
  service_name       = var.project
  name               = "trading"
  region             = "GRA11"
  private_network_id = module.vrack.regional_network_id
}

resource "ovh_cloud_project_kube_nodepool" "workers" {
  service_name  = var.project
  kube_id       = ovh_cloud_project_kube.trading.id
  name          = "workers"
  flavor_name   = "b3-8"
  desired_nodes = 3
}
