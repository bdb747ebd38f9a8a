# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}

# scaffolding: OAuth token of the caller, for the Kubernetes and Helm providers
data "google_client_config" "default" {}
