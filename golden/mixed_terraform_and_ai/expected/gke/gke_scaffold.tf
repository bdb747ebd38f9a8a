# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}

# scaffolding: OAuth token of the caller, for the Kubernetes and Helm providers
data "google_client_config" "default" {}

resource "google_project_iam_member" "demo_nodes_container_defaultnodeserviceaccount" {
  project = data.google_client_config.default.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.demo_nodes.email}"
}

# hardening: the nodes of ovh_cloud_project_kube.demo run as this least-privilege account, not the Compute Engine default one
resource "google_service_account" "demo_nodes" {
  account_id   = "demo-nodes"
  display_name = "GKE nodes of demo"
}
