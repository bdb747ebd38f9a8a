terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  bucket_name = "acme-uploads"
}

resource "google_service_account" "uploader" {
  account_id   = "uploader"
  display_name = "S3 user for the upload service"
}

resource "google_storage_bucket" "uploads" {
  name                        = trim(substr(replace(lower(local.bucket_name), "/[^a-z0-9._-]/", "-"), 0, 63), "-")
  location                    = "EUROPE-WEST1"
  uniform_bucket_level_access = true
  force_destroy               = false
}

resource "google_storage_bucket_iam_member" "uploader" {
  bucket = google_storage_bucket.uploads.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.uploader.email}"
}

# S3-compatible (XML API) key; use https://storage.googleapis.com as the S3 endpoint
resource "google_storage_hmac_key" "uploader" {
  service_account_email = google_service_account.uploader.email
}

output "s3_access_key_id" {
  value = google_storage_hmac_key.uploader.access_id
}

output "s3_endpoint" {
  value = "https://storage.googleapis.com"
}

output "s3_secret_access_key" {
  value     = google_storage_hmac_key.uploader.secret
  sensitive = true
}
