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

locals {
  prefix = "acme"
}

resource "ovh_cloud_project_kube" "main" {
  service_name = var.service_name
  name         = "${local.prefix}-mks"
  region       = "GRA11"
  version      = "1.31"
}

resource "ovh_cloud_project_kube_nodepool" "general" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.main.id
  name          = "general"
  flavor_name   = "b3-16"
  desired_nodes = 2
}

resource "ovh_cloud_project_kube_nodepool" "gpu" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.main.id
  name          = "gpu-l4"
  flavor_name   = "l4-90"
  desired_nodes = 1
  template {
    metadata {
      labels = {
        workload = "inference"
      }
    }
    spec {
      taints = [
        {
          key    = "dedicated"
          value  = "gpu"
          effect = "NoSchedule"
        }
      ]
    }
  }
}

resource "ovh_cloud_project_storage" "models" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "${local.prefix}-models"
}

resource "ovh_cloud_project_containerregistry" "main" {
  service_name = var.service_name
  name         = "${local.prefix}-registry"
  region       = "GRA"
}
