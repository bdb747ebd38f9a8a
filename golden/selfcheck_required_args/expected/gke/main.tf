variable "project_id" {
  type = string
}

data "google_artifact_registry_repository" "images" {
  repository_id = "images"
  location      = "TODO(IT327): set `location`: no OVH argument gives it"
}

output "registry_url" {
  value = "${data.google_artifact_registry_repository.images.location}-docker.pkg.dev/${data.google_artifact_registry_repository.images.project}/${data.google_artifact_registry_repository.images.repository_id}"
}
