terraform {
  required_providers {
    ovh = {
      source = "ovh/ovh"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "team" {
  type    = string
  default = "payments"
}

data "ovh_me" "me" {}

resource "ovh_cloud_project" "workspace" {
  ovh_subsidiary = data.ovh_me.me.ovh_subsidiary
  description    = "workspace-${var.team}"

  plan {
    duration     = "P1M"
    plan_code    = "project.2018"
    pricing_mode = "default"
  }
}

module "network" {
  source       = "./modules/network"
  service_name = ovh_cloud_project.workspace.project_id
}

output "workspace_project" {
  value = ovh_cloud_project.workspace.project_id
}

output "workspace_label" {
  value = ovh_cloud_project.workspace.description
}

output "workspace_urn" {
  value = "urn:v1:eu:resource:publicCloudProject:${ovh_cloud_project.workspace.project_id}"
}
