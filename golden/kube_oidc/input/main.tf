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

variable "oidc_ca_pem" {
  description = "PEM CA bundle of the identity provider"
  type        = string
  default     = ""
}

resource "ovh_cloud_project_kube" "sso" {
  service_name = var.service_name
  name         = "sso-cluster"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "default" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.sso.id
  name          = "default"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_cloud_project_kube_oidc" "keycloak" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.sso.id

  client_id  = "kubernetes"
  issuer_url = "https://sso.example.org/realms/platform"

  oidc_username_claim  = "preferred_username"
  oidc_username_prefix = "oidc:"
  oidc_groups_claim    = ["groups"]
  oidc_groups_prefix   = "oidc:"
  oidc_required_claim  = ["aud=kubernetes", "email_verified=true"]
  oidc_signing_algs    = ["RS256", "ES256"]
  oidc_ca_content      = base64encode(var.oidc_ca_pem)
}
