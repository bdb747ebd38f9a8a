variable "service_name" {
  type = string
}

variable "gpu_flavor" {
  type = string
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "inference"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "gpu" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "gpu"
  flavor_name   = var.gpu_flavor
  desired_nodes = 1
}
