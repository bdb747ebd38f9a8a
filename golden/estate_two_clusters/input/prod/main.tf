resource "ovh_cloud_project_kube" "prd" {
  service_name = "p-prod"
  name         = "prd"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "big" {
  service_name  = "p-prod"
  kube_id       = ovh_cloud_project_kube.prd.id
  name          = "big"
  flavor_name   = "b3-64"
  desired_nodes = 3
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
