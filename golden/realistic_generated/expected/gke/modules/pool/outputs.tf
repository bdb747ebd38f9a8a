output "id" {
  value = google_container_node_pool.this.id
}

output "name" {
  value = google_container_node_pool.this.name
}
