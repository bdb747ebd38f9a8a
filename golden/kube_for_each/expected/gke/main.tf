terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

variable "environments" {
  description = "Takes a GCP machine type (e.g. e2-standard-4) or a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = map(object({ region = string, flavor = string, nodes = number }))
  default = {
    staging = { region = "europe-west3", flavor = "n2-standard-2", nodes = 1 }
    prod    = { region = "europe-west1", flavor = "n2-standard-4", nodes = 3 }
  }
}

variable "service_name" {
  type = string
}

# scaffolding: zones of the region of ovh_cloud_project_kube_nodepool.env
data "google_compute_zones" "env" {
  for_each = var.environments
  region   = google_container_cluster.env[each.key].location
}

# scaffolding: VPC for ovh_cloud_project_kube.env
resource "google_compute_network" "env" {
  for_each                = var.environments
  name                    = trim(substr(replace(lower("env-vpc-${each.key}"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.env
resource "google_compute_subnetwork" "env" {
  for_each                 = var.environments
  name                     = trim(substr(replace(lower("env-nodes-${each.key}"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  region                   = each.value.region
  network                  = google_compute_network.env[each.key].id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "env-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "env-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "env" {
  for_each = var.environments
  name     = trim(substr(replace(lower("apps-${each.key}"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = each.value.region
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.env[each.key].id
  subnetwork               = google_compute_subnetwork.env[each.key].id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.env_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "env-pods"
    services_secondary_range_name = "env-services"
  }
}

resource "google_container_node_pool" "env" {
  for_each = var.environments
  name     = "default"
  cluster  = google_container_cluster.env[each.key].id
  location = google_container_cluster.env[each.key].location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = [data.google_compute_zones.env[each.key].names[0]]
  node_count     = each.value.nodes

  node_config {
    machine_type    = each.value.flavor
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.env_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

output "endpoints" {
  value = { for k, c in google_container_cluster.env : k => "https://${c.endpoint}" }
}
