terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.main
resource "google_compute_network" "main" {
  name                    = "main-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.main
resource "google_compute_subnetwork" "main" {
  name                     = "main-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.main.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "main-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "main-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "main" {
  name = "modular"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = "1.31"
  network                  = google_compute_network.main.id
  subnetwork               = google_compute_subnetwork.main.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.main_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "main-pods"
    services_secondary_range_name = "main-services"
  }
}

# TODO(IT204): this module's source is not read by iac-translate; if it creates OVH resources, translate it too
module "dns" {
  source  = "git::https://example.org/x.git"
  zone    = "example.org"
  records = { api = "ingress.example.org." }
}

module "gpu_pool" {
  for_each     = toset(["g2-standard-32"])
  source       = "./modules/nodepool"
  service_name = var.service_name
  kube_id      = google_container_cluster.main.id
  name         = "gpu-${replace(each.key, ".", "-")}"
  flavor_name  = each.key
  min_nodes    = 0
  max_nodes    = 2
  taints       = [{ key = "nvidia.com/gpu", value = "present", effect = "NoSchedule" }]
}

module "pool" {
  source       = "./modules/nodepool"
  service_name = var.service_name
  kube_id      = google_container_cluster.main.id
  name         = "general"
  flavor_name  = "n2-standard-4"
  min_nodes    = 2
  max_nodes    = 5
  labels       = { role = "general" }
}

output "general_pool_id" {
  value = module.pool.id
}

output "gpu_pool_ids" {
  value = [for m in module.gpu_pool : m.id]
}
