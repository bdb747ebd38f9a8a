terraform {
  required_version = ">= 1.5"

  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID"
  type        = string
}

resource "ovh_cloud_project_kube" "apps" {
  service_name = var.service_name
  name         = "apps"
  region       = "GRA11"
  version      = "1.31"
}

resource "ovh_cloud_project_kube_nodepool" "apps" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.apps.id
  name          = "apps"
  flavor_name   = "b3-16"
  desired_nodes = 3
}

provider "helm" {
  kubernetes = {
    host                   = ovh_cloud_project_kube.apps.kubeconfig_attributes[0].host
    client_certificate     = base64decode(ovh_cloud_project_kube.apps.kubeconfig_attributes[0].client_certificate)
    client_key             = base64decode(ovh_cloud_project_kube.apps.kubeconfig_attributes[0].client_key)
    cluster_ca_certificate = base64decode(ovh_cloud_project_kube.apps.kubeconfig_attributes[0].cluster_ca_certificate)
  }
}

provider "kubernetes" {
  host                   = ovh_cloud_project_kube.apps.kubeconfig_attributes[0].host
  client_certificate     = base64decode(ovh_cloud_project_kube.apps.kubeconfig_attributes[0].client_certificate)
  client_key             = base64decode(ovh_cloud_project_kube.apps.kubeconfig_attributes[0].client_key)
  cluster_ca_certificate = base64decode(ovh_cloud_project_kube.apps.kubeconfig_attributes[0].cluster_ca_certificate)
}

resource "kubernetes_namespace_v1" "cert_manager" {
  metadata {
    name = "cert-manager"
    labels = {
      "app.kubernetes.io/managed-by" = "terraform"
    }
  }

  depends_on = [ovh_cloud_project_kube_nodepool.apps]
}

resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  repository = "https://charts.jetstack.io"
  chart      = "cert-manager"
  version    = "v1.16.2"
  namespace  = kubernetes_namespace_v1.cert_manager.metadata[0].name
  wait       = true
  timeout    = 600

  set = [
    {
      name  = "crds.enabled"
      value = "true"
    },
    {
      name  = "prometheus.enabled"
      value = "false"
    }
  ]

  values = [
    yamlencode({
      resources = {
        requests = { cpu = "50m", memory = "128Mi" }
      }
    })
  ]
}
