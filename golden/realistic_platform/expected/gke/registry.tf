resource "google_artifact_registry_repository" "main" {
  repository_id = trim(substr(replace(lower("${local.prefix}-registry"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  location      = local.short_region
  format        = "DOCKER"
  description   = "translated from ovh_cloud_project_containerregistry.main"
}

resource "google_artifact_registry_repository_iam_member" "ci" {
  repository = google_artifact_registry_repository.main.name
  location   = google_artifact_registry_repository.main.location
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_service_account" "ci" {
  account_id   = "reg-ci"
  display_name = "registry user ci (from ovh_cloud_project_containerregistry_user.ci)"
}

# docker login -u _json_key with this key replaces the Harbor user's password; prefer Workload Identity inside GKE
resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}
