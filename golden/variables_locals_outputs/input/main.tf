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

variable "environment" {
  description = "Deployment environment"
  type        = string
  default     = "staging"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "region" {
  type    = string
  default = "GRA11"

  validation {
    condition     = can(regex("^[A-Z]{2,}[0-9]*$|^[A-Z]+(-[A-Z]+)+$", var.region))
    error_message = "region must be an OVHcloud region code such as GRA11 or EU-WEST-PAR."
  }
}

variable "kube_version" {
  type     = string
  default  = null
  nullable = true
}

variable "pools" {
  type = list(object({
    name   = string
    flavor = string
    size   = optional(number, 2)
    labels = optional(map(string), {})
  }))
  default = [
    { name = "front", flavor = "b3-8" },
    { name = "back", flavor = "b3-16", size = 3, labels = { tier = "backend" } },
  ]
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}

variable "admin_token" {
  description = "Token injected into the cluster bootstrap (never printed)"
  type        = string
  sensitive   = true
  default     = ""
}

locals {
  name_prefix = "acme-${var.environment}"

  default_tags = {
    environment = var.environment
    managed_by  = "terraform"
  }
  tags = merge(local.default_tags, var.extra_tags, { region = lower(var.region) })

  pools_by_name = { for p in var.pools : p.name => p }
  pool_labels = {
    for name, p in local.pools_by_name : name => merge(local.tags, p.labels, { pool = name })
  }

  flavor_sizes = {
    "b3-8"  = "small"
    "b3-16" = "medium"
    "b3-32" = "large"
  }
  pool_sizes  = [for p in var.pools : lookup(local.flavor_sizes, p.flavor, "custom")]
  total_nodes = sum([for p in var.pools : p.size])
  is_prod     = var.environment == "prod"
}

resource "ovh_cloud_project_kube" "this" {
  service_name  = var.service_name
  name          = "${local.name_prefix}-kube"
  region        = var.region
  version       = var.kube_version
  update_policy = local.is_prod ? "MINIMAL_DOWNTIME" : "ALWAYS_UPDATE"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  for_each = local.pools_by_name

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.this.id
  name          = "${local.name_prefix}-${each.key}"
  flavor_name   = each.value.flavor
  desired_nodes = each.value.size
  min_nodes     = each.value.size
  max_nodes     = local.is_prod ? each.value.size * 2 : each.value.size

  template {
    metadata {
      labels      = local.pool_labels[each.key]
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = []
    }
  }
}

output "kube_id" {
  description = "Cluster ID"
  value       = ovh_cloud_project_kube.this.id
}

output "kubeconfig" {
  description = "Admin kubeconfig"
  value       = ovh_cloud_project_kube.this.kubeconfig
  sensitive   = true
}

output "nodepool_ids" {
  value = values(ovh_cloud_project_kube_nodepool.pool)[*].id
}

output "nodepool_flavors" {
  value = { for k, p in ovh_cloud_project_kube_nodepool.pool : k => p.flavor_name }
}

output "pool_sizes" {
  value = local.pool_sizes
}

output "total_nodes" {
  value = local.total_nodes
}
