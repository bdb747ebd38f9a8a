terraform {
  required_version = ">= 1.5"

  required_providers {
    google     = { source = "hashicorp/google", version = "~> 6.50" }
    helm       = { source = "hashicorp/helm", version = "~> 3.0" }
    kubernetes = { source = "hashicorp/kubernetes", version = "~> 2.38" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

provider "helm" {
  kubernetes = {
    host                   = "https://${google_container_cluster.apps.endpoint}"
    cluster_ca_certificate = base64decode(google_container_cluster.apps.master_auth[0].cluster_ca_certificate)
    token                  = data.google_client_config.default.access_token
  }
}

provider "kubernetes" {
  host                   = "https://${google_container_cluster.apps.endpoint}"
  cluster_ca_certificate = base64decode(google_container_cluster.apps.master_auth[0].cluster_ca_certificate)
  token                  = data.google_client_config.default.access_token
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID"
  type        = string
}

# scaffolding: VPC for ovh_cloud_project_kube.apps
resource "google_compute_network" "apps" {
  name                    = "apps-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.apps
resource "google_compute_subnetwork" "apps" {
  name                     = "apps-nodes"
  region                   = "europe-west1"
  network                  = google_compute_network.apps.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "apps-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "apps-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "apps" {
  name = "apps"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = "1.31"
  network                  = google_compute_network.apps.id
  subnetwork               = google_compute_subnetwork.apps.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.apps_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "apps-pods"
    services_secondary_range_name = "apps-services"
  }
}

resource "google_container_node_pool" "apps" {
  name     = "apps"
  cluster  = google_container_cluster.apps.id
  location = google_container_cluster.apps.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 3

  node_config {
    machine_type    = "n2-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.apps_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  repository = "https://charts.jetstack.io"
  chart      = "cert-manager"
  version    = "v1.16.2"
  namespace  = kubernetes_namespace_v1.cert_manager.metadata[0].name
  wait       = true
  timeout    = 600
  set = [
    { name = "crds.enabled", value = "true" },
    { name = "prometheus.enabled", value = "false" },
  ]
  values = [
    yamlencode({
      resources = {
        requests = { cpu = "50m", memory = "128Mi" }
      }
    }),
  ]
}

resource "kubernetes_namespace_v1" "cert_manager" {
  metadata {
    name   = "cert-manager"
    labels = { "app.kubernetes.io/managed-by" = "terraform" }
  }

  depends_on = [google_container_node_pool.apps]
}
