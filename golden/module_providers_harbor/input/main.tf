terraform {
  required_providers {
    ovh    = { source = "ovh/ovh", configuration_aliases = [ovh.eu] }
    harbor = { source = "goharbor/harbor", version = "~> 3.10" }
  }
}

provider "ovh" {
  alias    = "eu"
  endpoint = "ovh-eu"
}

resource "ovh_cloud_project_containerregistry" "reg" {
  provider     = ovh.eu
  service_name = "0123456789abcdef0123456789abcdef"
  region       = "GRA"
  name         = "reg"
}

module "kube" {
  source    = "./kube"
  providers = {
    ovh    = ovh.eu
    harbor = harbor
  }
}

provider "harbor" {
  url      = ovh_cloud_project_containerregistry.reg.url
  username = "admin"
  password = "x"
}

resource "harbor_project" "builds" {
  name = "builds"
}

output "project" {
  value = harbor_project.builds.id
}
