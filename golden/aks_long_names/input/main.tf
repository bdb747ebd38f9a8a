terraform {
  backend "s3" {
    bucket                      = "acme-platform-terraform-state-production"
    key                         = "platform/prod.tfstate"
    region                      = "gra"
    endpoint                    = "https://s3.gra.io.cloud.ovh.net"
    skip_credentials_validation = true
    skip_region_validation      = true
  }
}

variable "tier" {
  type    = string
  default = "batch"
}

resource "ovh_cloud_project_kube" "k" {
  service_name = "p1"
  name         = "prod"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "a" {
  service_name  = "p1"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "general-purpose-a"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_cloud_project_kube_nodepool" "b" {
  service_name  = "p1"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "general-purpose-b"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_cloud_project_kube_nodepool" "computed" {
  service_name  = "p1"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "general-purpose-${var.tier}"
  flavor_name   = "b3-16"
  desired_nodes = 1
}
