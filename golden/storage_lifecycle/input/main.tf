resource "ovh_cloud_project_storage" "logs" {
  service_name = "0123456789abcdef0123456789abcdef"
  region_name  = "GRA"
  name         = "team-logs"
  versioning = {
    status = "enabled"
  }
}

resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "logs" {
  service_name   = "0123456789abcdef0123456789abcdef"
  region_name    = ovh_cloud_project_storage.logs.region_name
  container_name = ovh_cloud_project_storage.logs.name

  rules = [
    {
      id     = "expire"
      status = "enabled"
      filter = {
        prefix = "tmp/"
      }
      expiration = {
        days = 14
      }
    },
    {
      id     = "cold"
      status = "enabled"
      transitions = [
        {
          days          = 90
          storage_class = "STANDARD_IA"
        },
        {
          days          = 365
          storage_class = "INTELLIGENT_TIERING"
        }
      ]
    },
    {
      id     = "versions"
      status = "enabled"
      noncurrent_version_expiration = {
        noncurrent_days           = 30
        newer_noncurrent_versions = 3
      }
    },
    {
      id     = "multipart"
      status = "enabled"
      filter = {
        object_size_greater_than = 1048576
      }
      abort_incomplete_multipart_upload = {
        days_after_initiation = 7
      }
    },
    {
      id     = "off"
      status = "disabled"
      expiration = {
        days = 1
      }
    }
  ]
}
