terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "service_name" {
  type = string
}

variable "ldp_stream_id" {
  type = string
}

resource "ovh_cloud_project_kube" "frozen" {
  service_name  = var.service_name
  name          = "frozen"
  region        = "SBG5"
  version       = "1.32"
  update_policy = "NEVER_UPDATE"

  customization_cilium {
    hubble {
      enabled = true
    }
  }
}

resource "ovh_cloud_project_kube_log_subscription" "audit" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.frozen.id
  kind         = "audit"
  stream_id    = var.ldp_stream_id
}

resource "ovh_cloud_project_kube_nodepool" "staging" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.frozen.id
  name          = "staging"
  flavor_name   = "b3-8"
  desired_nodes = 0

  template {
    metadata {
      labels      = {}
      annotations = {}
      finalizers  = []
    }
    spec {
      taints        = []
      unschedulable = true
    }
  }
}
