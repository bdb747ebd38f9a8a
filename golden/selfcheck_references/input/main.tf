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

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "refs-demo"
  region       = "GRA11"
}

module "net" {
  source = "./modules/net"
  name   = "refs-net"
}

output "kubeconfig" {
  value     = ovh_cloud_project_kube.k.kubeconfig
  sensitive = true
}

data "ovh_cloud_project_database" "pg" {
  service_name = var.service_name
  engine       = "postgresql"
  id           = "ZZZZ"
}

resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = var.service_name
  cluster_id   = data.ovh_cloud_project_database.pg.id
  name         = "app"
}

output "password" {
  value     = ovh_cloud_project_database_postgresql_user.app.password
  sensitive = true
}

output "pg_host" {
  value = data.ovh_cloud_project_database.pg.endpoints[0].domain
}

output "nodes" {
  value = tolist(ovh_cloud_project_kube.k.customization_apiserver)[0].admissionplugins
}

output "subnet" {
  value = module.net.subnet_id
}

output "owner" {
  value = var.owner
}

variable "app_id" {
  type = string
}

locals {
  inference_url = "https://${var.app_id}.app.gra.ai.cloud.ovh.net/predict"
}

output "inference_url" {
  value = local.inference_url
}
