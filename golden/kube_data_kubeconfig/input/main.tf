data "ovh_cloud_project_kube" "existing" {
  service_name = var.project
  kube_id      = var.kube_id
}

variable "project" {
  type = string
}

variable "kube_id" {
  type = string
}

output "kubeconfig" {
  value     = data.ovh_cloud_project_kube.existing.kubeconfig
  sensitive = true
}

output "endpoint" {
  value = data.ovh_cloud_project_kube.existing.kubeconfig_attributes[0].host
}
