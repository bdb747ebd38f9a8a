resource "ovh_cloud_project_kube" "stg" {
  service_name = "p-staging"
  name         = "stg"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "small" {
  service_name  = "p-staging"
  kube_id       = ovh_cloud_project_kube.stg.id
  name          = "small"
  flavor_name   = "b3-8"
  desired_nodes = 1
}

resource "ovh_cloud_project_storage" "data" {
  service_name = "p-staging"
  region_name  = "GRA"
  name         = "stg-data"
}
