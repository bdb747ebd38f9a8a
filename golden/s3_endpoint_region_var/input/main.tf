variable "location" {
  description = "OVH region of the media bucket."
  type        = string
  default     = "sbg"
}

variable "tier" {
  description = "Storage class of the bucket: standard or fast."
  type        = string
  default     = "standard"
}

locals {
  plain_host = var.tier == "standard" ? "https://s3.${var.location}.io.cloud.ovh.net" : ""
  fast_host  = var.tier == "fast" ? "https://s3.${var.location}.perf.cloud.ovh.net" : ""
  media_url  = coalesce(local.plain_host, local.fast_host)
}

provider "aws" {
  region                      = var.location
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    s3 = local.media_url
  }
}

resource "aws_s3_bucket" "media" {
  bucket = "media-uploads"
}

output "media_endpoint" {
  value = local.media_url
}
