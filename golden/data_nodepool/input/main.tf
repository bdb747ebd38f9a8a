terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.1"
    }
  }
}

variable "service_name" {
  type = string
}

variable "kube_id" {
  type = string
}

data "ovh_cloud_project_kube" "cluster" {
  service_name = var.service_name
  kube_id      = var.kube_id
}

data "ovh_cloud_project_kube_nodepool" "workers" {
  service_name = var.service_name
  kube_id      = data.ovh_cloud_project_kube.cluster.id
  name         = "workers"
}

data "ovh_cloud_project_kube_nodepool" "legacy" {
  service_name = var.service_name
  kube_id      = "a1b2c3d4-0000-4000-8000-000000000001"
  name         = "legacy"
}

output "workers_max_nodes" {
  value = data.ovh_cloud_project_kube_nodepool.workers.max_nodes
}

output "workers_flavor" {
  value = data.ovh_cloud_project_kube_nodepool.workers.flavor_name
}

output "legacy_desired_nodes" {
  value = data.ovh_cloud_project_kube_nodepool.legacy.desired_nodes
}
