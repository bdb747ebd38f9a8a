terraform {
  required_providers {
    ovh = { source = "ovh/ovh", version = "~> 2.19" }
  }
}

variable "service_name" {
  type = string
}

resource "ovh_vrack_cloudproject" "attach" {
  service_name = "pn-000000"
  project_id   = var.service_name
}

resource "ovh_cloud_project_network_private" "shares" {
  service_name = var.service_name
  name         = "shares"
  regions      = ["GRA9"]
}

resource "ovh_cloud_project_file_storage_share_network" "net" {
  service_name = var.service_name
  region_name  = "GRA9"
  network_id   = ovh_cloud_project_network_private.shares.regions_openstack_ids["GRA9"]
  subnet_id    = "00000000-0000-0000-0000-000000000000"
}

resource "ovh_cloud_project_file_storage_share" "data" {
  service_name     = var.service_name
  region_name      = "GRA9"
  name             = "team-data"
  size             = 150
  share_network_id = ovh_cloud_project_file_storage_share_network.net.id
}

resource "ovh_cloud_project_volume_backup" "nightly" {
  service_name = var.service_name
  region_name  = "GRA9"
  volume_id    = "11111111-1111-1111-1111-111111111111"
  name         = "nightly"
}

output "nfs_export" {
  value = ovh_cloud_project_file_storage_share.data.export_locations[0].path
}
