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

variable "oidc_client_secret" {
  type      = string
  sensitive = true
}

data "ovh_cloud_project_capabilities_containerregistry_filter" "medium" {
  service_name = var.service_name
  plan_name    = "MEDIUM"
  region       = "GRA"
}

resource "ovh_cloud_project_containerregistry" "corp" {
  service_name = var.service_name
  name         = "corp-registry"
  region       = "GRA"
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.medium.id
}

resource "ovh_cloud_project_containerregistry_oidc" "sso" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.corp.id

  oidc_name          = "corporate-sso"
  oidc_endpoint      = "https://sso.example.org/realms/platform"
  oidc_client_id     = "harbor"
  oidc_client_secret = var.oidc_client_secret
  oidc_scope         = "openid,profile,email,offline_access"
  oidc_groups_claim  = "groups"
  oidc_group_filter  = "^registry-.*$"
  oidc_admin_group   = "registry-admins"
  oidc_user_claim    = "preferred_username"
  oidc_verify_cert   = true
  oidc_auto_onboard  = true
  delete_users       = false
}

resource "ovh_cloud_project_containerregistry_iam" "iam" {
  service_name = var.service_name
  registry_id  = ovh_cloud_project_containerregistry.corp.id
  delete_users = false
}
