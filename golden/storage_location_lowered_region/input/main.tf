variable "project" {
  type = string
}

variable "region" {
  type    = string
  default = "GRA"
}

provider "aws" {
  region                      = lower(var.region)
  skip_credentials_validation = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}

resource "ovh_cloud_project_storage" "invoices" {
  service_name = var.project
  region_name  = lower(var.region)
  name         = "acme-invoices"
}

resource "aws_s3_bucket" "thumbnails" {
  bucket = "acme-thumbnails"
}
