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

resource "ovh_cloud_project_kube" "apps" {
  service_name = var.service_name
  name         = "apps"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "autoscaled" {
  service_name   = var.service_name
  kube_id        = ovh_cloud_project_kube.apps.id
  name           = "autoscaled-pool"
  flavor_name    = "b3-16"
  autoscale      = true
  min_nodes      = 2
  max_nodes      = 5
  desired_nodes  = 3
  monthly_billed = true
  anti_affinity  = true

  autoscaling_scale_down_unneeded_time_seconds = 900
  autoscaling_scale_down_unready_time_seconds  = 1200
  autoscaling_scale_down_utilization_threshold = 0.6

  timeouts {
    create = "1h"
    update = "1h"
    delete = "1h"
  }
}
