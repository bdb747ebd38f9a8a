resource "ovh_cloud_project_storage" "assets" {
  service_name = var.project_id
  region_name  = local.short_region
  name         = "${local.prefix}-assets"

  versioning = {
    status = "enabled"
  }

  encryption = {
    sse_algorithm = "AES256"
  }

  tags = local.tags
}

resource "ovh_cloud_project_user" "assets" {
  service_name = var.project_id
  description  = "${local.prefix} assets S3 user"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_credential" "assets" {
  service_name = var.project_id
  user_id      = ovh_cloud_project_user.assets.id
}

resource "ovh_cloud_project_user_s3_policy" "assets" {
  service_name = var.project_id
  user_id      = ovh_cloud_project_user.assets.id
  policy = jsonencode({
    Statement = [{
      Sid    = "AssetsReadWrite"
      Effect = "Allow"
      Action = [
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:ListBucket",
        "s3:GetBucketLocation",
      ]
      Resource = [
        "arn:aws:s3:::${ovh_cloud_project_storage.assets.name}",
        "arn:aws:s3:::${ovh_cloud_project_storage.assets.name}/*",
      ]
    }]
  })
}
