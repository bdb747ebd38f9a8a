# scaffolding: OAuth token of the caller, for the Kubernetes and Helm providers
data "google_client_config" "default" {}

resource "google_project_iam_member" "this_nodes_artifactregistry_reader" {
  project = data.google_client_config.default.project
  role    = "roles/artifactregistry.reader"
  member  = "serviceAccount:${google_service_account.this_nodes.email}"
}

resource "google_project_iam_member" "this_nodes_container_defaultnodeserviceaccount" {
  project = data.google_client_config.default.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.this_nodes.email}"
}

# hardening: the nodes of ovh_cloud_project_kube_nodepool.this run as this least-privilege account, not the Compute Engine default one
resource "google_service_account" "this_nodes" {
  account_id   = "this-nodes"
  display_name = "GKE nodes of this"
}
