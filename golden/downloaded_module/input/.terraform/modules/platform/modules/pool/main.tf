variable "service_name" {
  type = string
}

variable "kube_id" {
  type = string
}

resource "ovh_cloud_project_kube_nodepool" "workers" {
  service_name  = var.service_name
  kube_id       = var.kube_id
  name          = "workers"
  flavor_name   = "b3-8"
  desired_nodes = 3
  min_nodes     = 3
  max_nodes     = 3
}
