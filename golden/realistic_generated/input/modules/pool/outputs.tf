output "id" {
  value = ovh_cloud_project_kube_nodepool.this.id
}

output "name" {
  value = ovh_cloud_project_kube_nodepool.this.name
}
