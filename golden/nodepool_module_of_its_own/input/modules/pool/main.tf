variable "project" {
  type = string
}

variable "cluster_id" {
  type = string
}

variable "name" {
  type = string
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.project
  kube_id       = var.cluster_id
  name          = var.name
  flavor_name   = "b3-16"
  desired_nodes = 2
  min_nodes     = 2
  max_nodes     = 4
  autoscale     = true
}
