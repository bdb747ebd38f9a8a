variable "service_name" {
  type = string
}

# scaffolding: VPC for ovh_cloud_project_kube.k
resource "google_compute_network" "k" {
  name                    = "k-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.k
resource "google_compute_subnetwork" "k" {
  name                     = "k-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.k.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "k-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "k-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "k" {
  name = "prod"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.k.id
  subnetwork               = google_compute_subnetwork.k.id
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

module "net" {
  source       = "../net"
  service_name = var.service_name
}

output "cluster_id" {
  value = google_container_cluster.k.id
}
