output "assets_bucket" {
  value = "${google_storage_bucket.assets.name}.storage.googleapis.com"
}

output "assets_s3_access_key" {
  value = google_storage_hmac_key.assets.access_id
}

output "assets_s3_secret_key" {
  value     = google_storage_hmac_key.assets.secret
  sensitive = true
}

output "db_endpoint_uri" {
  description = "PostgreSQL connection URI (without password)"
  value       = "postgresql://${google_sql_database_instance.pg.public_ip_address}:5432"
}

output "kube_api_url" {
  value = google_container_cluster.main.endpoint
}

output "kubeconfig" {
  description = "Admin kubeconfig of the MKS cluster"
  value       = local.main_kubeconfig
  sensitive   = true
}

output "logs_bucket" {
  value = module.observability.bucket_name
}

output "nodepool_ids" {
  value = merge({ for k, p in google_container_node_pool.general : k => p.id }, { gpu = google_container_node_pool.gpu.id })
}

output "registry_ci_password" {
  value     = base64decode(google_service_account_key.ci.private_key)
  sensitive = true
}

output "registry_url" {
  value = "${google_artifact_registry_repository.main.location}-docker.pkg.dev/${google_artifact_registry_repository.main.project}/${google_artifact_registry_repository.main.repository_id}"
}
