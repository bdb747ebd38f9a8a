variable "network_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

resource "google_container_cluster" "k" {
  name = "prod"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = var.network_id
  subnetwork               = var.subnet_id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.k_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "k-pods"
    services_secondary_range_name = "k-services"
  }
}
