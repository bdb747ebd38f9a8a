terraform {
  required_version = ">= 1.6"

  required_providers {
    google     = { source = "hashicorp/google", version = "~> 6.50" }
    helm       = { source = "hashicorp/helm", version = "~> 3.0" }
    kubernetes = { source = "hashicorp/kubernetes", version = "~> 2.38" }
    random     = { source = "hashicorp/random", version = "~> 3.6" }
  }
  backend "gcs" {
    bucket = "acme-platform-tfstate"
    prefix = "platform/terraform"
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = var.region
}
