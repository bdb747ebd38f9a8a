terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

resource "google_storage_bucket" "logs" {
  name                        = trim(substr(replace(lower("${var.name_prefix}-logs"), "/[^a-z0-9._-]/", "-"), 0, 63), "-")
  location                    = upper(var.region)
  uniform_bucket_level_access = true
  force_destroy               = false
  # GCS label keys and values must be lowercase
  labels = merge(var.tags, { purpose = "logs" })

  versioning {
    enabled = true
  }
}
