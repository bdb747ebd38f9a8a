resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "apps"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = "0123456789abcdef0123456789abcdef"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "pool"
  flavor_name   = "b3-8"
  desired_nodes = 1
}

resource "ovh_cloud_project_database" "db" {
  service_name = "0123456789abcdef0123456789abcdef"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
