resource "ovh_cloud_project_database" "this" {
  service_name = var.service_name
  engine       = "valkey"
  version      = var.valkey_version
  plan         = "essential"
  flavor       = var.valkey_flavor

  dynamic "nodes" {
    for_each = var.valkey_nodes
    content {
      region     = nodes.value.region
      network_id = nodes.value.network_id
      subnet_id  = nodes.value.subnet_id
    }
  }
}
