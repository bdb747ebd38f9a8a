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

resource "ovh_cloud_project_kube" "web" {
  service_name = var.service_name
  name         = "web"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "web" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.web.id
  name          = "web"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_domain_zone_record" "api" {
  zone      = "example.org"
  subdomain = "api"
  fieldtype = "CNAME"
  ttl       = 3600
  target    = "ingress.example.org."
}

resource "ovh_cloud_project_alerting" "budget" {
  service_name      = var.service_name
  email             = "finops@example.org"
  delay             = 3600
  monthly_threshold = 1000
}

resource "ovh_cloud_project_kube_nodepol" "typo" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.web.id
  flavor_name  = "b3-8"
}
