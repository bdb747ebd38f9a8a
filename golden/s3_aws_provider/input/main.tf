variable "region" {
  type    = string
  default = "gra"
}

provider "aws" {
  alias                       = "ovh"
  region                      = "gra"
  skip_credentials_validation = true
  skip_region_validation      = true
  skip_requesting_account_id  = true

  endpoints {
    s3 = "https://s3.${var.region}.io.cloud.ovh.net"
  }
}

resource "aws_s3_bucket" "assets" {
  provider = aws.ovh
  bucket   = "my-assets"
}

resource "aws_s3_bucket_versioning" "assets" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.assets.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "assets" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.assets.id
  rule {
    id     = "tmp"
    status = "Enabled"
    filter {
      prefix = "tmp/"
    }
    expiration {
      days = 14
    }
  }
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.assets.id
  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://example.org"]
    max_age_seconds = 3600
  }
}

resource "aws_s3_bucket_policy" "assets" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = ["arn:aws:s3:::my-assets/*"]
    }]
  })
}

resource "aws_s3_object" "index" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.assets.id
  key      = "index.html"
  content  = "hello"
}

output "bucket" {
  value = aws_s3_bucket.assets.bucket
}
