terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "oidc_client_secret" {
  type      = string
  sensitive = true
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_artifact_registry_repository" "corp" {
  repository_id = "corp-registry"
  location      = "europe-west1"
  format        = "DOCKER"
  description   = "translated from ovh_cloud_project_containerregistry.corp"
}
