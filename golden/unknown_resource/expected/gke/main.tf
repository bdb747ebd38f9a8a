terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
    ovh    = { source = "ovh/ovh", version = "~> 2.19" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.web
resource "google_compute_network" "web" {
  name                    = "web-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.web
resource "google_compute_subnetwork" "web" {
  name                     = "web-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.web.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "web-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "web-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "web" {
  name = "web"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.web.id
  subnetwork               = google_compute_subnetwork.web.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.web_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "web-pods"
    services_secondary_range_name = "web-services"
  }
}

resource "google_container_node_pool" "web" {
  name     = "web"
  cluster  = google_container_cluster.web.id
  location = google_container_cluster.web.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.web_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "ovh_domain_zone_record" "api" {
  zone      = "example.org"
  subdomain = "api"
  fieldtype = "CNAME"
  ttl       = 3600
  target    = "ingress.example.org."
}

# TODO(IT201): ovh_cloud_project_kube_nodepol.typo has an unknown OVH type and was not translated.

# TODO(IT305): ovh_cloud_project_alerting.budget (ovh_cloud_project_alerting) has no GKE equivalent and was not translated.
