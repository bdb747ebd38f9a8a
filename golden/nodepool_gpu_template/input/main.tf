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

resource "ovh_cloud_project_kube" "ml" {
  service_name = var.service_name
  name         = "ml-cluster"
  region       = "GRA11"
  version      = "1.31"
}

resource "ovh_cloud_project_kube_nodepool" "system" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.ml.id
  name          = "system"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_cloud_project_kube_nodepool" "gpu" {
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.ml.id
  name           = "gpu-l40s"
  flavor_name    = "l40s-90"
  autoscale      = true
  min_nodes      = 0
  max_nodes      = 4
  desired_nodes  = 1
  monthly_billed = false
  anti_affinity  = false

  template {
    metadata {
      labels = {
        "workload"                = "inference"
        "nvidia.com/gpu.present"  = "true"
        "node.example.org/family" = "l40s"
      }
      annotations = {
        "cluster-autoscaler.kubernetes.io/scale-down-disabled" = "false"
      }
      finalizers = ["example.org/drain-protection"]
    }
    spec {
      unschedulable = false
      taints = [
        {
          key    = "nvidia.com/gpu"
          value  = "present"
          effect = "NoSchedule"
        }
      ]
    }
  }
}
