# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}

# scaffolding: OAuth token of the caller, for the Kubernetes and Helm providers
data "google_client_config" "default" {}

resource "google_project_iam_member" "kube_s000_nodes_artifactregistry_reader" {
  project = data.google_client_config.default.project
  role    = "roles/artifactregistry.reader"
  member  = "serviceAccount:${google_service_account.kube_s000_nodes.email}"
}

resource "google_project_iam_member" "kube_s000_nodes_container_defaultnodeserviceaccount" {
  project = data.google_client_config.default.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.kube_s000_nodes.email}"
}

resource "google_project_iam_member" "kube_s001_nodes_artifactregistry_reader" {
  project = data.google_client_config.default.project
  role    = "roles/artifactregistry.reader"
  member  = "serviceAccount:${google_service_account.kube_s001_nodes.email}"
}

resource "google_project_iam_member" "kube_s001_nodes_container_defaultnodeserviceaccount" {
  project = data.google_client_config.default.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.kube_s001_nodes.email}"
}

resource "google_project_iam_member" "kube_s002_nodes_artifactregistry_reader" {
  project = data.google_client_config.default.project
  role    = "roles/artifactregistry.reader"
  member  = "serviceAccount:${google_service_account.kube_s002_nodes.email}"
}

resource "google_project_iam_member" "kube_s002_nodes_container_defaultnodeserviceaccount" {
  project = data.google_client_config.default.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.kube_s002_nodes.email}"
}

resource "google_project_iam_member" "kube_s003_nodes_artifactregistry_reader" {
  project = data.google_client_config.default.project
  role    = "roles/artifactregistry.reader"
  member  = "serviceAccount:${google_service_account.kube_s003_nodes.email}"
}

resource "google_project_iam_member" "kube_s003_nodes_container_defaultnodeserviceaccount" {
  project = data.google_client_config.default.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.kube_s003_nodes.email}"
}

# hardening: the nodes of ovh_cloud_project_kube.kube_s000 run as this least-privilege account, not the Compute Engine default one
resource "google_service_account" "kube_s000_nodes" {
  account_id   = "kube-s000-nodes"
  display_name = "GKE nodes of kube_s000"
}

# hardening: the nodes of ovh_cloud_project_kube.kube_s001 run as this least-privilege account, not the Compute Engine default one
resource "google_service_account" "kube_s001_nodes" {
  account_id   = "kube-s001-nodes"
  display_name = "GKE nodes of kube_s001"
}

# hardening: the nodes of ovh_cloud_project_kube.kube_s002 run as this least-privilege account, not the Compute Engine default one
resource "google_service_account" "kube_s002_nodes" {
  account_id   = "kube-s002-nodes"
  display_name = "GKE nodes of kube_s002"
}

# hardening: the nodes of ovh_cloud_project_kube.kube_s003 run as this least-privilege account, not the Compute Engine default one
resource "google_service_account" "kube_s003_nodes" {
  account_id   = "kube-s003-nodes"
  display_name = "GKE nodes of kube_s003"
}
