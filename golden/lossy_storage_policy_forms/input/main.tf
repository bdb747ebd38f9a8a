variable "versioning" {
  type = string
}

resource "ovh_cloud_project_storage" "media" {
  service_name = "0123456789abcdef0123456789abcdef"
  region_name  = "SBG"
  name         = "acme-media"
  versioning = {
    status = var.versioning
  }
}

resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "media" {
  service_name   = "0123456789abcdef0123456789abcdef"
  region_name    = "SBG"
  container_name = "acme-media"

  rules = [
    {
      id     = "archive-raw"
      status = "enabled"
      filter = {
        tags = { kind = "raw" }
      }
      transitions = [
        {
          days          = 30
          storage_class = "GLACIER"
        },
        {
          days          = 60
          storage_class = "STANDARD"
        }
      ]
      noncurrent_version_transitions = [
        {
          noncurrent_days = 10
          storage_class   = "DEEP_ARCHIVE"
        }
      ]
    }
  ]
}

resource "ovh_cloud_project_user" "ops" {
  service_name = "0123456789abcdef0123456789abcdef"
  description  = "operations"
  role_names   = ["compute_operator", "objectstore_operator", "image_operator"]
}

resource "ovh_cloud_project_user" "reader" {
  service_name = "0123456789abcdef0123456789abcdef"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_policy" "reader" {
  service_name = "0123456789abcdef0123456789abcdef"
  user_id      = ovh_cloud_project_user.reader.id
  policy       = <<EOT
{
  "Statement": [
    {
      "Sid": "ReadMedia",
      "Effect": "Allow",
      "Principal": {"AWS": ["*"]},
      "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetObjetcTagging"],
      "Resource": [
        "arn:aws:s3:::${ovh_cloud_project_storage.media.name}",
        "arn:aws:s3:::${ovh_cloud_project_storage.media.name}/public/*"
      ]
    }
  ]
}
EOT
}

data "ovh_cloud_project_containerregistry" "shared" {
  service_name = "0123456789abcdef0123456789abcdef"
  registry_id  = "8c9a4f2e-0000-0000-0000-000000000000"
}

output "shared_registry_url" {
  value = data.ovh_cloud_project_containerregistry.shared.url
}
