variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "shop"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "web" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "web"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
