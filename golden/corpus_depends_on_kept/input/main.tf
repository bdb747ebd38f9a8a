terraform {
  required_providers {
    ovh   = { source = "ovh/ovh" }
    local = { source = "hashicorp/local" }
    helm  = { source = "hashicorp/helm", version = "~> 2.0" }
  }
}

variable "project_id" {
  type = string
}

resource "ovh_cloud_project_kube" "cluster" {
  service_name = var.project_id
  name         = "demo"
  region       = "GRA11"
  version      = "1.35"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.project_id
  kube_id       = ovh_cloud_project_kube.cluster.id
  name          = "pool"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "local_file" "values" {
  content  = yamlencode({ replicas = 2 })
  filename = "${path.module}/chart/values.yaml"
}

resource "helm_release" "app" {
  name  = "app"
  chart = "oci://registry.example.com/charts/app"

  depends_on = [
    ovh_cloud_project_kube_nodepool.pool,
    local_file.values,
  ]
}
