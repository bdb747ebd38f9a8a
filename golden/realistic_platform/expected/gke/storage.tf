resource "google_service_account" "assets" {
  account_id   = "assets"
  display_name = "${local.prefix} assets S3 user"
}

resource "google_storage_bucket" "assets" {
  name                        = trim(substr(replace(lower("${local.prefix}-assets"), "/[^a-z0-9._-]/", "-"), 0, 63), "-")
  location                    = upper(local.short_region)
  uniform_bucket_level_access = true
  force_destroy               = false
  # GCS label keys and values must be lowercase
  labels = local.tags

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_iam_member" "assets" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.assets.email}"
}

# S3-compatible (XML API) key; use https://storage.googleapis.com as the S3 endpoint
resource "google_storage_hmac_key" "assets" {
  service_account_email = google_service_account.assets.email
}
