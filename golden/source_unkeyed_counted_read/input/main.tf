variable "project" {
  type = string
}

variable "clusters" {
  type    = number
  default = 1
}

resource "ovh_cloud_project_kube" "k" {
  count        = var.clusters
  service_name = var.project
  name         = "k-${count.index}"
  region       = "GRA11"
}

output "kubeconfig" {
  value     = ovh_cloud_project_kube.k.kubeconfig
  sensitive = true
}
