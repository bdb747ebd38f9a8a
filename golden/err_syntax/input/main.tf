variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "broken" {
  service_name = var.service_name
  name         = "broken"
  region       = "GRA11"

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.broken.id
  name          = "pool"
  flavor_name   = "b3-8"
  desired_nodes = 1
}
