output "kubeconfig" {
  description = "Admin kubeconfig of the MKS cluster"
  value       = ovh_cloud_project_kube.main.kubeconfig
  sensitive   = true
}

output "kube_api_url" {
  value = ovh_cloud_project_kube.main.url
}

output "nodepool_ids" {
  value = merge(
    { for k, p in ovh_cloud_project_kube_nodepool.general : k => p.id },
    { gpu = ovh_cloud_project_kube_nodepool.gpu.id },
  )
}

output "registry_url" {
  value = ovh_cloud_project_containerregistry.main.url
}

output "registry_ci_password" {
  value     = ovh_cloud_project_containerregistry_user.ci.password
  sensitive = true
}

output "db_endpoint_uri" {
  description = "PostgreSQL connection URI (without password)"
  value       = ovh_cloud_project_database.pg.endpoints[0].uri
}

output "assets_bucket" {
  value = ovh_cloud_project_storage.assets.virtual_host
}

output "assets_s3_access_key" {
  value = ovh_cloud_project_user_s3_credential.assets.access_key_id
}

output "assets_s3_secret_key" {
  value     = ovh_cloud_project_user_s3_credential.assets.secret_access_key
  sensitive = true
}

output "logs_bucket" {
  value = module.observability.bucket_name
}
