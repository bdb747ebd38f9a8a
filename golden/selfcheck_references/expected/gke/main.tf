terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "app_id" {
  type = string
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  k_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "k"
    clusters = [
      {
        name = "k"
        cluster = {
          server                       = "https://${google_container_cluster.k.endpoint}"
          "certificate-authority-data" = google_container_cluster.k.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "k"
        context = { cluster = "k", user = "k" }
      },
    ]
    users = [
      {
        name = "k"
        user = {
          exec = {
            apiVersion         = "client.authentication.k8s.io/v1beta1"
            command            = "gke-gcloud-auth-plugin"
            provideClusterInfo = true
          }
        }
      },
    ]
  })
}

locals {
  inference_url = "https://${var.app_id}.app.gra.ai.cloud.ovh.net/predict"
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
  name = "refs-demo"
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

# TODO(IT305): data.ovh_cloud_project_database.pg (engine postgresql) is not translated: PostgreSQL 16+ defaults to edition ENTERPRISE_PLUS, which only accepts db-perf-optimized-N-* tiers; db-custom-<vCPU>-<MB> tiers need edition ENTERPRISE

module "net" {
  source = "./modules/net"
  name   = "refs-net"
}

output "inference_url" {
  value = local.inference_url
}

output "kubeconfig" {
  value     = local.k_kubeconfig
  sensitive = true
}

output "nodes" {
  value = "TODO(IT206): ovh_cloud_project_kube.k.customization_apiserver[0].admissionplugins"
}

output "owner" {
  value = var.owner
}

output "password" {
  value     = "TODO(IT206): ovh_cloud_project_database_postgresql_user.app.password"
  sensitive = true
}

output "pg_host" {
  value = data.google_sql_database_instance.pg.public_ip_address
}

output "subnet" {
  value = module.net.subnet_id
}
