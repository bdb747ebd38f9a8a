variable "service_name" {
  type = string
}

module "net" {
  source       = "../net"
  service_name = var.service_name
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "prod"
  region       = "GRA11"
}

output "cluster_id" {
  value = ovh_cloud_project_kube.k.id
}
