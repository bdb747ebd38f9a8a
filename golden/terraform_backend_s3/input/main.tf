terraform {
  required_version = ">= 1.6"

  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "platform/prod/terraform.tfstate"
    region = "gra"

    endpoints = {
      s3 = "https://s3.gra.io.cloud.ovh.net"
    }

    skip_credentials_validation = true
    skip_region_validation      = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
    skip_s3_checksum            = true
    use_path_style              = true
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "prod" {
  service_name = var.service_name
  name         = "prod"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "prod" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.prod.id
  name          = "prod"
  flavor_name   = "b3-16"
  desired_nodes = 3
}
