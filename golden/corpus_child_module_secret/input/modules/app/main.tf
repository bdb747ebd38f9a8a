variable "namespace" {
  type = string
}

variable "api_token" {
  type    = string
  default = "tok-0d3f9a7c5b21e8f4"
}

locals {
  db_password = "p4ssw0rd-Literal-9x"
}

resource "kubernetes_secret" "app" {
  metadata {
    name      = "app-credentials"
    namespace = var.namespace
  }
  data = {
    api_token   = var.api_token
    db_password = local.db_password
  }
}

output "secret_name" {
  value = kubernetes_secret.app.metadata[0].name
}
