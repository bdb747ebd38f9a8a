terraform {
  required_version = ">= 1.7"

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

resource "ovh_cloud_project_kube" "main" {
  service_name = var.service_name
  name         = "main"
  region       = "GRA11"
  version      = "1.31"

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [version]
  }
}

resource "ovh_cloud_project_kube_nodepool" "general" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.main.id
  name          = "general"
  flavor_name   = "b3-16"
  autoscale     = true
  min_nodes     = 2
  max_nodes     = 6
  desired_nodes = 2

  lifecycle {
    ignore_changes        = [desired_nodes]
    create_before_destroy = true
  }
}

moved {
  from = ovh_cloud_project_kube_nodepool.default
  to   = ovh_cloud_project_kube_nodepool.general
}

import {
  to = ovh_cloud_project_kube.main
  id = "${var.service_name}/4d3c2b1a-0000-4000-8000-00000000c0de"
}

removed {
  from = ovh_cloud_project_kube_nodepool.legacy

  lifecycle {
    destroy = false
  }
}

check "cluster_is_ready" {
  data "ovh_cloud_project_kube" "probe" {
    service_name = var.service_name
    kube_id      = ovh_cloud_project_kube.main.id
  }

  assert {
    condition     = data.ovh_cloud_project_kube.probe.status == "READY"
    error_message = "Kubernetes cluster ${ovh_cloud_project_kube.main.name} is not READY."
  }
}
