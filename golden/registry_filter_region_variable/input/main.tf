variable "project_id" {
  type = string
}

variable "region" {
  description = "OVH region of the registry"
  default     = "DE"
}

data "ovh_cloud_project_capabilities_containerregistry_filter" "small" {
  service_name = var.project_id
  plan_name    = "SMALL"
  region       = var.region
}

resource "ovh_cloud_project_containerregistry" "images" {
  service_name = data.ovh_cloud_project_capabilities_containerregistry_filter.small.service_name
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.small.id
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.small.region
  name         = "images"
}
