variable "project" {
  type = string
}

variable "deploy_k8s" {
  type    = bool
  default = true
}

resource "ovh_cloud_project_kube" "this" {
  count        = var.deploy_k8s ? 1 : 0
  service_name = var.project
  name         = "main"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube" "env" {
  for_each     = toset(["prod", "staging"])
  service_name = var.project
  name         = "app-${each.key}"
  region       = "GRA11"
}

output "kubeconfig" {
  value     = var.deploy_k8s ? ovh_cloud_project_kube.this[0].kubeconfig : null
  sensitive = true
}

output "prod_kubeconfig" {
  value     = ovh_cloud_project_kube.env["prod"].kubeconfig
  sensitive = true
}

output "kubeconfigs" {
  value     = { for k, c in ovh_cloud_project_kube.env : k => c.kubeconfig }
  sensitive = true
}
