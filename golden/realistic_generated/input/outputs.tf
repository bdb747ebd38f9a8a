output "kubeconfig_s000" {
  value     = ovh_cloud_project_kube.kube_s000.kubeconfig
  sensitive = true
}

output "nodepool_ids_s000" {
  value = concat(
    [ovh_cloud_project_kube_nodepool.general_s000.id, ovh_cloud_project_kube_nodepool.gpu_s000.id],
    values(ovh_cloud_project_kube_nodepool.pools_s000)[*].id,
  )
}

output "s3_secret_s000" {
  value     = ovh_cloud_project_user_s3_credential.s3_s000.secret_access_key
  sensitive = true
}

output "db_uri_s000" {
  value = ovh_cloud_project_database.db_s000.endpoints[0].uri
}

output "registry_url_s000" {
  value = ovh_cloud_project_containerregistry.reg_s000.url
}

output "kubeconfig_s001" {
  value     = ovh_cloud_project_kube.kube_s001.kubeconfig
  sensitive = true
}

output "nodepool_ids_s001" {
  value = concat(
    [ovh_cloud_project_kube_nodepool.general_s001.id, ovh_cloud_project_kube_nodepool.gpu_s001.id],
    values(ovh_cloud_project_kube_nodepool.pools_s001)[*].id,
  )
}

output "s3_secret_s001" {
  value     = ovh_cloud_project_user_s3_credential.s3_s001[*].secret_access_key
  sensitive = true
}

output "db_uri_s001" {
  value = ovh_cloud_project_database.db_s001.endpoints[0].uri
}

output "kubeconfig_s002" {
  value     = ovh_cloud_project_kube.kube_s002.kubeconfig
  sensitive = true
}

output "nodepool_ids_s002" {
  value = concat(
    [ovh_cloud_project_kube_nodepool.general_s002.id, ovh_cloud_project_kube_nodepool.gpu_s002.id],
    values(ovh_cloud_project_kube_nodepool.pools_s002)[*].id,
  )
}

output "s3_secret_s002" {
  value     = ovh_cloud_project_user_s3_credential.s3_s002.secret_access_key
  sensitive = true
}

output "db_uri_s002" {
  value = ovh_cloud_project_database.db_s002.endpoints[0].uri
}

output "registry_url_s002" {
  value = ovh_cloud_project_containerregistry.reg_s002.url
}

output "kubeconfig_s003" {
  value     = ovh_cloud_project_kube.kube_s003.kubeconfig
  sensitive = true
}

output "module_pool_s000_id" {
  value = module.pool_s000.id
}
