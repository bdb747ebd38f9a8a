variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "ml"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "general" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "general"
  flavor_name   = "b3-16"
  desired_nodes = 3
}

resource "ovh_cloud_project_kube_nodepool" "system" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "system"
  flavor_name   = "b3-8"
  desired_nodes = 1
  template {
    metadata {
      labels = {
        role = "system"
      }
    }
    spec {
      taints = [
        {
          key    = "dedicated"
          value  = "system"
          effect = "NoSchedule"
        }
      ]
    }
  }
}
