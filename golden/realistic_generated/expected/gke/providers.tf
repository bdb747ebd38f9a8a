terraform {
  required_version = ">= 1.6"

  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
  backend "gcs" {
    bucket = "bench-terraform-state"
    prefix = "bench/terraform"
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}
