terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_artifact_registry_repository" "apps" {
  repository_id = "apps-registry"
  location      = "europe-west1"
  format        = "DOCKER"
  description   = "translated from ovh_cloud_project_containerregistry.apps"
}

resource "google_artifact_registry_repository_iam_member" "ci" {
  repository = google_artifact_registry_repository.apps.name
  location   = google_artifact_registry_repository.apps.location
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_service_account" "ci" {
  account_id   = "reg-ci-robot"
  display_name = "registry user ci-robot (from ovh_cloud_project_containerregistry_user.ci)"
}

# docker login -u _json_key with this key replaces the Harbor user's password; prefer Workload Identity inside GKE
resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}

output "registry_ci_password" {
  value     = base64decode(google_service_account_key.ci.private_key)
  sensitive = true
}

output "registry_url" {
  value = "${google_artifact_registry_repository.apps.location}-docker.pkg.dev/${google_artifact_registry_repository.apps.project}/${google_artifact_registry_repository.apps.repository_id}"
}
