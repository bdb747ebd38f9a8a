terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  bucket_name = "acme-uploads"
}

resource "ovh_cloud_project_storage" "uploads" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = local.bucket_name
}

resource "ovh_cloud_project_user" "uploader" {
  service_name = var.service_name
  description  = "S3 user for the upload service"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_credential" "uploader" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.uploader.id
}

resource "ovh_cloud_project_user_s3_policy" "uploader" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.uploader.id
  policy = jsonencode({
    Statement = [
      {
        Sid    = "RWUploads"
        Effect = "Allow"
        Action = [
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:ListBucket",
          "s3:ListMultipartUploadParts",
          "s3:ListBucketMultipartUploads",
          "s3:AbortMultipartUpload",
          "s3:GetBucketLocation",
        ]
        Resource = [
          "arn:aws:s3:::${ovh_cloud_project_storage.uploads.name}",
          "arn:aws:s3:::${ovh_cloud_project_storage.uploads.name}/*",
        ]
      }
    ]
  })
}

output "s3_access_key_id" {
  value = ovh_cloud_project_user_s3_credential.uploader.access_key_id
}

output "s3_secret_access_key" {
  value     = ovh_cloud_project_user_s3_credential.uploader.secret_access_key
  sensitive = true
}

output "s3_endpoint" {
  value = "https://s3.gra.io.cloud.ovh.net"
}
