terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
}

# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}
