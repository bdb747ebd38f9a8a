resource "ovh_cloud_project_kube" "k" {
  service_name = "p1"
  name         = "data"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "small" {
  service_name  = "p1"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "small"
  flavor_name   = "b3-8"
  desired_nodes = 2
}

resource "ovh_cloud_project_kube_nodepool" "batch" {
  service_name  = "p1"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "batch"
  flavor_name   = "b3-64"
  desired_nodes = 2
  template {
    metadata {
      labels = {
        tier = "batch"
      }
    }
    spec {
      taints = [
        {
          key    = "tier"
          value  = "batch"
          effect = "NoSchedule"
        }
      ]
    }
  }
}
