output "id" {
  description = "Node pool ID"
  value       = ovh_cloud_project_kube_nodepool.this.id
}

output "name" {
  value = ovh_cloud_project_kube_nodepool.this.name
}

output "flavor" {
  value = ovh_cloud_project_kube_nodepool.this.flavor
}
