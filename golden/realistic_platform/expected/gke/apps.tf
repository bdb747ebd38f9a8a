provider "helm" {
  kubernetes = {
    host                   = local.kube.host
    cluster_ca_certificate = base64decode(local.kube.cluster_ca_certificate)
    token                  = data.google_client_config.default.access_token
  }
}

provider "kubernetes" {
  host                   = local.kube.host
  cluster_ca_certificate = base64decode(local.kube.cluster_ca_certificate)
  token                  = data.google_client_config.default.access_token
}

locals {
  kube = {
    host                   = "https://${google_container_cluster.main.endpoint}"
    cluster_ca_certificate = google_container_cluster.main.master_auth[0].cluster_ca_certificate
    client_certificate     = ""
    client_key             = ""
  }
}

resource "helm_release" "ingress_nginx" {
  name       = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  chart      = "ingress-nginx"
  version    = "4.11.3"
  namespace  = kubernetes_namespace_v1.ingress.metadata[0].name
  set = [
    { name = "controller.replicaCount", value = "2" },
    { name = "controller.service.externalTrafficPolicy", value = "Local" },
    { name = "controller.nodeSelector.node-pool", value = "apps" },
  ]
}

resource "kubernetes_namespace_v1" "ingress" {
  metadata {
    name   = "ingress-nginx"
    labels = { "app.kubernetes.io/managed-by" = "terraform" }
  }

  depends_on = [google_container_node_pool.general]
}
