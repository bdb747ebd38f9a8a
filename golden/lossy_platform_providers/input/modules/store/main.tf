terraform {
  required_providers {
    ovh = {
      source                = "ovh/ovh"
      configuration_aliases = [ovh]
    }
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}

resource "ovh_cloud_project_user" "writer" {
  service_name = "0123456789abcdef0123456789abcdef"
  description  = "writer"
  role_name    = "objectstore_operator"
}
