variable "service_name" {
  type = string
}

variable "region" {
  type = string
}

variable "cluster_name" {
  type = string
}

resource "ovh_cloud_project_kube" "this" {
  service_name = var.service_name
  name         = var.cluster_name
  region       = var.region
}

module "pool" {
  source       = "./modules/pool"
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.this.id
}

module "db" {
  source  = "acme/db/ovh"
  version = "2.0.1"

  service_name = var.service_name
}

output "cluster_id" {
  value = ovh_cloud_project_kube.this.id
}
