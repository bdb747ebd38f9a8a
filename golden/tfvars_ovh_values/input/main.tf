variable "region" {
  type    = string
  default = "GRA11"
}

variable "flavor" {
  type    = string
  default = "b3-8"
}

variable "cluster_name" {
  type = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}

resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = var.cluster_name
  region       = var.region
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = "p"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "pool"
  flavor_name   = var.flavor
  desired_nodes = 2
}
