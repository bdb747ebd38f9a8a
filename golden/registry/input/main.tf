terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

data "ovh_cloud_project_capabilities_containerregistry_filter" "small" {
  service_name = var.service_name
  plan_name    = "SMALL"
  region       = "GRA"
}

resource "ovh_cloud_project_containerregistry" "apps" {
  service_name = var.service_name
  name         = "apps-registry"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.small.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.small.id
}

resource "ovh_cloud_project_containerregistry_user" "ci" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.apps.id
  email        = "ci@example.org"
  login        = "ci-robot"
}

resource "ovh_cloud_project_containerregistry_ip_restrictions_management" "mgmt" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.apps.id

  ip_restrictions = [
    {
      ip_block    = "203.0.113.0/24"
      description = "office"
    }
  ]
}

resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "pull" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.apps.id

  ip_restrictions = [
    {
      ip_block    = "203.0.113.0/24"
      description = "office"
    },
    {
      ip_block    = "198.51.100.42/32"
      description = "ci-runner"
    }
  ]
}

output "registry_url" {
  value = ovh_cloud_project_containerregistry.apps.url
}

output "registry_ci_password" {
  value     = ovh_cloud_project_containerregistry_user.ci.password
  sensitive = true
}
