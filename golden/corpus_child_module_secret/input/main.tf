terraform {
  required_providers {
    ovh        = { source = "ovh/ovh" }
    kubernetes = { source = "hashicorp/kubernetes" }
  }
}

variable "project_id" {
  type = string
}

resource "ovh_cloud_project_kube" "cluster" {
  service_name = var.project_id
  name         = "apps"
  region       = "GRA11"
}

module "app" {
  source    = "./modules/app"
  namespace = "apps"
}

output "app_secret_name" {
  value = module.app.secret_name
}
