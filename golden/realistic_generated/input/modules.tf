module "pool_s000" {
  source = "./modules/pool"

  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.kube_s000.id
  name         = "mod-0"
  flavor_name  = "b3-16"
  min_nodes    = 1
  max_nodes    = 3
  labels       = merge(local.common_labels, { "module" = "pool" })
}
