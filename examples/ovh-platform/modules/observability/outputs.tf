output "bucket_name" {
  value = ovh_cloud_project_storage.logs.name
}

output "bucket_endpoint" {
  value = ovh_cloud_project_storage.logs.virtual_host
}
