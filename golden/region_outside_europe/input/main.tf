resource "ovh_cloud_project_kube" "apps" {
  service_name = var.service_name
  name         = "apps"
  region       = "BHS5"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.apps.id
  name          = "pool"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_cloud_project_storage" "assets" {
  service_name = var.service_name
  region_name  = "SGP"
  name         = "assets"
}

resource "ovh_cloud_project_storage" "backups" {
  service_name = var.service_name
  region_name  = var.backup_region
  name         = "backups"
}

variable "service_name" {
  type = string
}

variable "backup_region" {
  type    = string
  default = "SBG"
}

locals {
  # endpoints the applications read
  gra_endpoint     = "https://s3.gra.io.cloud.ovh.net"
  waw_endpoint     = "https://s3.waw.perf.cloud.ovh.net/"
  bhs_endpoint     = "https://s3.bhs.io.cloud.ovh.net"
  backups_endpoint = "https://s3.${lower(ovh_cloud_project_storage.backups.region_name)}.io.cloud.ovh.net"
}

output "endpoints" {
  value = [local.gra_endpoint, local.waw_endpoint, local.bhs_endpoint, local.backups_endpoint]
}
