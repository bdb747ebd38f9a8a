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

resource "ovh_cloud_project_kube" "main" {
  service_name = var.service_name
  name         = "modular"
  region       = "GRA11"
  version      = "1.31"
}

module "pool" {
  source = "./modules/nodepool"

  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.main.id
  name         = "general"
  flavor_name  = "b3-16"
  min_nodes    = 2
  max_nodes    = 5
  labels = {
    role = "general"
  }
}

module "gpu_pool" {
  source   = "./modules/nodepool"
  for_each = toset(["l4-90"])

  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.main.id
  name         = "gpu-${replace(each.key, ".", "-")}"
  flavor_name  = each.key
  min_nodes    = 0
  max_nodes    = 2
  taints = [
    {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NoSchedule"
    }
  ]
}

module "dns" {
  source = "git::https://example.org/x.git"

  zone    = "example.org"
  records = { "api" = "ingress.example.org." }
}

output "general_pool_id" {
  value = module.pool.id
}

output "gpu_pool_ids" {
  value = [for m in module.gpu_pool : m.id]
}
