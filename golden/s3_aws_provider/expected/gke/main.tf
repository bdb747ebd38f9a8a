variable "region" {
  type    = string
  default = "gra"
}

resource "google_storage_bucket" "assets" {
  name                        = "my-assets"
  location                    = "EUROPE-WEST1"
  uniform_bucket_level_access = true
  force_destroy               = false

  cors {
    origin          = ["https://example.org"]
    method          = ["GET"]
    max_age_seconds = 3600
  }
  lifecycle_rule {
    condition {
      age            = 14
      matches_prefix = ["tmp/"]
    }
    action {
      type = "Delete"
    }
  }
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_iam_member" "assets" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

# TODO(IT305): aws_s3_object.index (aws_s3_object on OVH Object Storage) was not translated.

output "bucket" {
  value = google_storage_bucket.assets.name
}
