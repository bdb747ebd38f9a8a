variable "project" {
  type = string
}

variable "region" {
  type    = string
  default = "US-EAST-VA-1"
}

resource "ovh_cloud_project_kube" "exchange" {
  service_name = var.project
  name         = "exchange"
  region       = var.region
}

resource "ovh_cloud_project_kube_nodepool" "matching" {
  service_name = var.project
  kube_id      = ovh_cloud_project_kube.exchange.id
  name         = "matching"
  flavor_name  = "b3-16"
  autoscale    = true
  min_nodes    = 1
  max_nodes    = 4
}
