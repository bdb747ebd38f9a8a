output "db_uri_s000" {
  value = "postgresql://${google_sql_database_instance.db_s000.public_ip_address}:5432"
}

output "db_uri_s001" {
  value = "mysql://${google_sql_database_instance.db_s001.public_ip_address}:3306"
}

output "db_uri_s002" {
  value = "postgresql://${google_sql_database_instance.db_s002.public_ip_address}:5432"
}

output "kubeconfig_s000" {
  value     = local.kube_s000_kubeconfig
  sensitive = true
}

output "kubeconfig_s001" {
  value     = local.kube_s001_kubeconfig
  sensitive = true
}

output "kubeconfig_s002" {
  value     = local.kube_s002_kubeconfig
  sensitive = true
}

output "kubeconfig_s003" {
  value     = local.kube_s003_kubeconfig
  sensitive = true
}

output "module_pool_s000_id" {
  value = module.pool_s000.id
}

output "nodepool_ids_s000" {
  value = concat([
    google_container_node_pool.general_s000.id,
    google_container_node_pool.gpu_s000.id,
  ], values(google_container_node_pool.pools_s000)[*].id)
}

output "nodepool_ids_s001" {
  value = concat([
    google_container_node_pool.general_s001.id,
    google_container_node_pool.gpu_s001.id,
  ], values(google_container_node_pool.pools_s001)[*].id)
}

output "nodepool_ids_s002" {
  value = concat([
    google_container_node_pool.general_s002.id,
    google_container_node_pool.gpu_s002.id,
  ], values(google_container_node_pool.pools_s002)[*].id)
}

output "registry_url_s000" {
  value = "${google_artifact_registry_repository.reg_s000.location}-docker.pkg.dev/${google_artifact_registry_repository.reg_s000.project}/${google_artifact_registry_repository.reg_s000.repository_id}"
}

output "registry_url_s002" {
  value = "${google_artifact_registry_repository.reg_s002.location}-docker.pkg.dev/${google_artifact_registry_repository.reg_s002.project}/${google_artifact_registry_repository.reg_s002.repository_id}"
}

output "s3_secret_s000" {
  value     = google_storage_hmac_key.s3_s000.secret
  sensitive = true
}

output "s3_secret_s001" {
  value     = google_storage_hmac_key.s3_s001[*].secret
  sensitive = true
}

output "s3_secret_s002" {
  value     = google_storage_hmac_key.s3_s002.secret
  sensitive = true
}
