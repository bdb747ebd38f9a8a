module "pool_s000" {
  source       = "./modules/pool"
  service_name = var.service_name
  kube_id      = google_container_cluster.kube_s000.id
  name         = "mod-0"
  flavor_name  = "n2-standard-4"
  min_nodes    = 1
  max_nodes    = 3
  labels       = merge(local.common_labels, { module = "pool" })
}
