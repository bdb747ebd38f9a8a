terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

provider "google" {
  project = "shop-prod-4711"
  region  = "europe-west1"
}

resource "google_storage_bucket" "assets" {
  name     = "shop-prod-assets"
  location = "EU"
}
