output "flavor" {
  value = google_container_node_pool.this.node_config[0].machine_type
}

output "id" {
  description = "Node pool ID"
  value       = google_container_node_pool.this.id
}

output "name" {
  value = google_container_node_pool.this.name
}
