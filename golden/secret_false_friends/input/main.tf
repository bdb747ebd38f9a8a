terraform {
  required_providers {
    ovh        = { source = "ovh/ovh" }
    kubernetes = { source = "hashicorp/kubernetes" }
  }
}

variable "project_id" {
  type = string
}

variable "auth_proxy_repository" {
  type    = string
  default = "shop/auth-proxy"
}

resource "ovh_cloud_project_kube" "cluster" {
  service_name = var.project_id
  name         = "shop"
  region       = "GRA11"
}

locals {
  registry_credentials  = "shop-registry-pull"
  token_service_address = "tokens.shop.svc:7070"
  injector_annotations = {
    "vault.hashicorp.com/agent-inject"                    = "true"
    "vault.hashicorp.com/agent-inject-secret-db"           = "kv/data/shop/db"
    "vault.hashicorp.com/agent-cache-use-auto-auth-token" = "force"
    "vault.hashicorp.com/role"                            = "shop-worker"
  }
  smtp_password = "Mail-Pw-7f3k2q"
}

resource "kubernetes_deployment" "worker" {
  metadata {
    name = "worker"
  }
  spec {
    selector {
      match_labels = { app = "worker" }
    }
    template {
      metadata {
        labels      = { app = "worker" }
        annotations = local.injector_annotations
      }
      spec {
        image_pull_secrets {
          name = local.registry_credentials
        }
        container {
          name  = "worker"
          image = "${var.auth_proxy_repository}:1.4.2"
          args  = ["--tokens=${local.token_service_address}"]
        }
      }
    }
  }
}

resource "kubernetes_ingress_v1" "worker" {
  metadata {
    name = "worker"
    annotations = {
      "nginx.ingress.kubernetes.io/auth-type"   = "basic"
      "nginx.ingress.kubernetes.io/auth-secret" = "worker-basic-auth"
    }
  }
  spec {
    rule {
      host = "worker.shop.example"
      http {
        path {
          path = "/"
          backend {
            service {
              name = "worker"
              port {
                number = 8080
              }
            }
          }
        }
      }
    }
  }
}

output "mail_password" {
  value     = local.smtp_password
  sensitive = true
}
