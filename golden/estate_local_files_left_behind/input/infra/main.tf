variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "web"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "pool"
  flavor_name   = "b3-16"
  desired_nodes = 2
}

resource "helm_release" "web" {
  name       = "web"
  chart      = "${path.module}/charts/web"
  namespace  = "web"
  values     = [templatefile("${path.module}/values.tftpl", { replicas = 2 })]
  depends_on = [ovh_cloud_project_kube_nodepool.pool]
}
