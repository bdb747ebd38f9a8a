terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "service_name" {
  description = "Public Cloud project ID"
  type        = string
}

data "ovh_cloud_project_capabilities_containerregistry_filter" "medium" {
  service_name = var.service_name
  plan_name    = "MEDIUM"
  region       = "GRA"
}

resource "ovh_cloud_project_containerregistry" "web" {
  service_name = var.service_name
  name         = "webimages"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.id
}

resource "ovh_cloud_project_containerregistry" "api" {
  service_name = var.service_name
  name         = "apiimages"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.id
}

resource "ovh_cloud_project_containerregistry" "batch" {
  service_name = var.service_name
  name         = "batchimages"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.id
}

resource "ovh_cloud_project_containerregistry" "ml" {
  service_name = var.service_name
  name         = "mlimages"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.id
}

resource "ovh_cloud_project_containerregistry" "tools" {
  service_name = var.service_name
  name         = "toolsimages"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.id
}

resource "ovh_cloud_project_kube" "prod" {
  service_name = var.service_name
  name         = "prod-mks"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "staging" {
  service_name = var.service_name
  name         = "staging-mks"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "dev" {
  service_name = var.service_name
  name         = "dev-mks"
  region       = "SBG5"
}

resource "ovh_cloud_project_kube" "ci" {
  service_name = var.service_name
  name         = "ci-mks"
  region       = "SBG5"
}
