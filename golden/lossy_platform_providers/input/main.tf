terraform {
  required_version = ">= 1.10"

  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    kubectl = {
      source  = "alekc/kubectl"
      version = "~> 2.1"
    }
  }

  backend "s3" {
    bucket       = "acme-state"
    key          = "platform/terraform.tfstate"
    region       = "sbg"
    encrypt      = true
    use_lockfile = true

    endpoints = {
      s3 = "https://s3.sbg.io.cloud.ovh.net"
    }

    access_key                  = "OVHACCESSKEYEXAMPLE"
    skip_credentials_validation = true
    skip_region_validation      = true
    skip_requesting_account_id  = true
    skip_s3_checksum            = true
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

provider "ovh" {
  alias    = "eu"
  endpoint = "ovh-eu"
}

provider "aws" {
  region                      = "sbg"
  skip_credentials_validation = true
  skip_region_validation      = true
  skip_requesting_account_id  = true

  endpoints {
    s3 = "https://s3.sbg.io.cloud.ovh.net"
  }
}

resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "platform"
  region       = "SBG5"
}

locals {
  kubeconfig = ovh_cloud_project_kube.k.kubeconfig_attributes[0]
}

provider "kubectl" {
  host                   = local.kubeconfig.host
  cluster_ca_certificate = base64decode(local.kubeconfig.cluster_ca_certificate)
  client_certificate     = base64decode(local.kubeconfig.client_certificate)
  client_key             = base64decode(local.kubeconfig.client_key)
  load_config_file       = false
}

module "store" {
  source = "./modules/store"
  providers = {
    ovh = ovh.eu
    aws = aws
  }
}
