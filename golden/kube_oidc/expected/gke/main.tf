terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "oidc_ca_pem" {
  description = "PEM CA bundle of the identity provider"
  type        = string
  default     = ""
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.sso
resource "google_compute_network" "sso" {
  name                    = "sso-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.sso
resource "google_compute_subnetwork" "sso" {
  name                     = "sso-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.sso.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "sso-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "sso-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "sso" {
  name = "sso-cluster"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.sso.id
  subnetwork               = google_compute_subnetwork.sso.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.sso_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "sso-pods"
    services_secondary_range_name = "sso-services"
  }
  # OIDC from ovh_cloud_project_kube_oidc.keycloak: set issuer_url = "https://sso.example.org/realms/platform", client_id = "kubernetes", oidc_username_claim = "preferred_username", oidc_username_prefix = "oidc:", oidc_groups_claim = ["groups"], oidc_groups_prefix = "oidc:", oidc_required_claim = ["aud=kubernetes", "email_verified=true"], oidc_signing_algs = ["RS256", "ES256"], oidc_ca_content = base64encode(var.oidc_ca_pem) in the ClientConfig (kube-public/default)
  identity_service_config {
    enabled = true
  }
}

resource "google_container_node_pool" "default" {
  name     = "default"
  cluster  = google_container_cluster.sso.id
  location = google_container_cluster.sso.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 2

  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.sso_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
