terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "project" {
  description = "Public Cloud project of the build farm"
  type        = string
}

variable "operator_networks" {
  description = "Networks of the on-call operators; empty until the VPN is ready"
  type        = list(string)
  default     = []
}

resource "ovh_cloud_project_kube" "builds" {
  service_name = var.project
  name         = "build-farm"
  region       = "SBG5"
}

resource "ovh_cloud_project_kube" "preview" {
  service_name = var.project
  name         = "previews"
  region       = "SBG5"
}

# the restriction is declared, but nothing is listed yet
resource "ovh_cloud_project_kube_iprestrictions" "builds" {
  service_name = var.project
  kube_id      = ovh_cloud_project_kube.builds.id
  ips          = []
}

resource "ovh_cloud_project_kube_iprestrictions" "preview" {
  service_name = var.project
  kube_id      = ovh_cloud_project_kube.preview.id
  ips          = var.operator_networks
}
