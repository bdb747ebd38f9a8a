variable "pool_flavor" {
  description = "Flavor of the worker nodes"
  type        = string
}

variable "template" {
  type = object({
    metadata = optional(object({ labels = map(string) }))
    spec     = optional(object({ taints = list(object({ key = string, value = string, effect = string })) }))
  })
  default = null
}

variable "dedicated" {
  type    = map(string)
  default = { gpu = "NoSchedule" }
}

variable "oidc_enabled" {
  type    = bool
  default = false
}

resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "apps"
  region       = "GRA11"
  version      = "1.24"
}

resource "ovh_cloud_project_kube_nodepool" "dyn" {
  service_name  = "0123456789abcdef0123456789abcdef"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "dyn"
  flavor_name   = var.pool_flavor
  desired_nodes = 2

  dynamic "template" {
    for_each = var.template != null ? [var.template] : []
    content {
      dynamic "metadata" {
        for_each = template.value.metadata != null ? [template.value.metadata] : []
        content {
          annotations = {}
          finalizers  = []
          labels      = lookup(metadata.value, "labels", null)
        }
      }
      dynamic "spec" {
        for_each = template.value.spec != null ? [template.value.spec] : []
        content {
          taints        = lookup(spec.value, "taints", null)
          unschedulable = false
        }
      }
    }
  }

  lifecycle {
    ignore_changes = [desired_nodes]
  }
}

resource "ovh_cloud_project_kube_nodepool" "core" {
  service_name  = "0123456789abcdef0123456789abcdef"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "core"
  flavor_name   = "b3-8"
  desired_nodes = 1

  template {
    metadata {
      labels = { for k, v in var.dedicated : "pool/${k}" => "true" }
    }
    spec {
      taints = [for k, v in var.dedicated : { key = k, value = "true", effect = v }]
    }
  }

  lifecycle {
    ignore_changes = [desired_nodes, template]
  }
}

resource "ovh_cloud_project_kube_oidc" "oidc" {
  count        = var.oidc_enabled ? 1 : 0
  service_name = "0123456789abcdef0123456789abcdef"
  kube_id      = ovh_cloud_project_kube.k.id
  client_id    = "apps"
  issuer_url   = "https://id.example.org"
}
