terraform {
  required_providers {
    google = {
      source                = "hashicorp/google"
      version               = "~> 6.50"
      configuration_aliases = [google.eu]
    }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
  alias   = "eu"
}

resource "google_artifact_registry_repository" "reg" {
  provider      = google.eu
  repository_id = "reg"
  location      = "europe-west1"
  format        = "DOCKER"
  description   = "translated from ovh_cloud_project_containerregistry.reg"
}

# TODO(IT305): harbor_project.builds (Harbor) was not translated; use a google_artifact_registry_repository (format DOCKER).

module "kube" {
  source    = "./kube"
  providers = { google = google.eu }
}

output "project" {
  value = "TODO(IT206): harbor_project.builds.id"
}
