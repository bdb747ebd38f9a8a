terraform {
  required_version = ">= 1.6"

  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }

  backend "s3" {
    bucket = "bench-terraform-state"
    key    = "bench/terraform.tfstate"
    region = "gra"

    endpoints = {
      s3 = "https://s3.gra.io.cloud.ovh.net"
    }

    skip_credentials_validation = true
    skip_region_validation      = true
    skip_requesting_account_id  = true
    skip_s3_checksum            = true
    use_path_style              = true
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

data "ovh_cloud_project_capabilities_containerregistry_filter" "registry" {
  service_name = var.service_name
  plan_name    = "SMALL"
  region       = "GRA"
}
