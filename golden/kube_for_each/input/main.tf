terraform {
  required_providers {
    ovh = { source = "ovh/ovh", version = "~> 2.19" }
  }
}

variable "service_name" {
  type = string
}

variable "environments" {
  type = map(object({ region = string, flavor = string, nodes = number }))
  default = {
    staging = { region = "SBG5", flavor = "b3-8", nodes = 1 }
    prod    = { region = "GRA11", flavor = "b3-16", nodes = 3 }
  }
}

resource "ovh_cloud_project_kube" "env" {
  for_each     = var.environments
  service_name = var.service_name
  name         = "apps-${each.key}"
  region       = each.value.region
}

resource "ovh_cloud_project_kube_nodepool" "env" {
  for_each      = var.environments
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.env[each.key].id
  name          = "default"
  flavor_name   = each.value.flavor
  desired_nodes = each.value.nodes
}

output "endpoints" {
  value = { for k, c in ovh_cloud_project_kube.env : k => c.kubeconfig_attributes[0].host }
}
