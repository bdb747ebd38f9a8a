# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}
