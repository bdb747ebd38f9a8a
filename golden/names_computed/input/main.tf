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

variable "cluster_name" {
  type    = string
  default = "prod_cluster"
}

variable "prefix" {
  type    = string
  default = "Team"
}

locals {
  env = "prod"
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "${var.prefix}_net"
  vlan_id      = 40
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = var.cluster_name
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "${local.env}-pool"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
