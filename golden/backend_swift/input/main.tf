terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 1.0"
    }
  }
  backend "swift" {
    container         = "acme-terraform-state"
    archive_container = "acme-terraform-state-archive"
    state_name        = "platform.tfstate"
    region_name       = "GRA"
    auth_url          = "https://auth.cloud.ovh.net/v3/"
    user_domain_name  = "Default"
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

resource "ovh_cloud_project_kube" "k" {
  service_name = "p1"
  name         = "prod"
  region       = "GRA11"
}
