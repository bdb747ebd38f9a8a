terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = var.region
}

variable "admin_token" {
  description = "Token injected into the cluster bootstrap (never printed)"
  type        = string
  sensitive   = true
  default     = ""
}

variable "environment" {
  description = "Deployment environment"
  type        = string
  default     = "staging"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}

variable "kube_version" {
  type     = string
  default  = null
  nullable = true
}

variable "pools" {
  description = "Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type = list(object({
    name   = string
    flavor = string
    size   = optional(number, 2)
    labels = optional(map(string), {})
  }))
  default = [
    { name = "front", flavor = "n2-standard-2" },
    {
      name   = "back"
      flavor = "n2-standard-4"
      size   = 3
      labels = { tier = "backend" }
    },
  ]
}

variable "region" {
  description = "Takes a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = string
  default     = "europe-west1"

  validation {
    condition     = can(regex("^[A-Z]{2,}[0-9]*$|^[A-Z]+(-[A-Z]+)+$", var.region))
    error_message = "region must be an OVHcloud region code such as GRA11 or EU-WEST-PAR."
  }
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  this_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "this"
    clusters = [
      {
        name = "this"
        cluster = {
          server                       = "https://${google_container_cluster.this.endpoint}"
          "certificate-authority-data" = google_container_cluster.this.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "this"
        context = { cluster = "this", user = "this" }
      },
    ]
    users = [
      {
        name = "this"
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
  name_prefix   = "acme-${var.environment}"
  default_tags  = { environment = var.environment, managed_by = "terraform" }
  tags          = merge(local.default_tags, var.extra_tags, { region = lower(var.region) })
  pools_by_name = { for p in var.pools : p.name => p }
  pool_labels   = { for name, p in local.pools_by_name : name => merge(local.tags, p.labels, { pool = name }) }
  flavor_sizes  = { "b3-8" = "small", "b3-16" = "medium", "b3-32" = "large" }
  pool_sizes    = [for p in var.pools : lookup(local.flavor_sizes, p.flavor, "custom")]
  total_nodes   = sum([for p in var.pools : p.size])
  is_prod       = var.environment == "prod"
}

# scaffolding: VPC for ovh_cloud_project_kube.this
resource "google_compute_network" "this" {
  name                    = "this-vpc"
  auto_create_subnetworks = false
}

# scaffolding: nodes subnet for ovh_cloud_project_kube.this
resource "google_compute_subnetwork" "this" {
  name                     = "this-nodes"
  region                   = var.region
  network                  = google_compute_network.this.id
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "this-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "this-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_container_cluster" "this" {
  name = trim(substr(replace(lower("${local.name_prefix}-kube"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = var.region
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kube_version
  network                  = google_compute_network.this.id
  subnetwork               = google_compute_subnetwork.this.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.this_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "this-pods"
    services_secondary_range_name = "this-services"
  }
  release_channel {
    channel = lookup({ ALWAYS_UPDATE = "REGULAR", MINIMAL_DOWNTIME = "REGULAR", NEVER_UPDATE = "UNSPECIFIED" }, local.is_prod ? "MINIMAL_DOWNTIME" : "ALWAYS_UPDATE", "REGULAR")
  }
}

resource "google_container_node_pool" "pool" {
  for_each = local.pools_by_name
  name     = trim(substr(replace(lower("${local.name_prefix}-${each.key}"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster  = google_container_cluster.this.id
  location = google_container_cluster.this.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = each.value.size

  node_config {
    machine_type    = each.value.flavor
    labels          = local.pool_labels[each.key]
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.this_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

output "kube_id" {
  description = "Cluster ID"
  value       = google_container_cluster.this.id
}

output "kubeconfig" {
  description = "Admin kubeconfig"
  value       = local.this_kubeconfig
  sensitive   = true
}

output "nodepool_flavors" {
  value = { for k, p in google_container_node_pool.pool : k => p.node_config[0].machine_type }
}

output "nodepool_ids" {
  value = values(google_container_node_pool.pool)[*].id
}

output "pool_sizes" {
  value = local.pool_sizes
}

output "total_nodes" {
  value = local.total_nodes
}
