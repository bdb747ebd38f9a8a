terraform {
  required_providers {
    ovh = {
      source = "ovh/ovh"
    }
  }
}

resource "ovh_cloud_project_kube_nodepool" "this" {
  service_name  = var.service_name
  kube_id       = var.kube_id
  name          = var.name
  flavor_name   = var.flavor_name
  autoscale     = var.max_nodes > var.min_nodes
  min_nodes     = var.min_nodes
  max_nodes     = var.max_nodes
  desired_nodes = var.min_nodes

  template {
    metadata {
      labels      = merge({ "pool" = var.name }, var.labels)
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = var.taints
    }
  }
}
