terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

variable "allowed_cidrs" {
  description = "CIDRs allowed to reach the staging API server"
  type        = list(string)
  default     = ["198.51.100.0/24", "192.0.2.10/32"]
}

resource "ovh_cloud_project_kube" "prod" {
  service_name = var.service_name
  name         = "prod"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "staging" {
  service_name = var.service_name
  name         = "staging"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_iprestrictions" "prod" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.prod.id
  ips          = ["203.0.113.0/24", "10.20.0.0/16"]
}

resource "ovh_cloud_project_kube_iprestrictions" "staging" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.staging.id
  ips          = var.allowed_cidrs
}
