locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  kube_s003_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "kube_s003"
    clusters = [
      {
        name = "kube_s003"
        cluster = {
          server                       = "https://${google_container_cluster.kube_s003.endpoint}"
          "certificate-authority-data" = google_container_cluster.kube_s003.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "kube_s003"
        context = { cluster = "kube_s003", user = "kube_s003" }
      },
    ]
    users = [
      {
        name = "kube_s003"
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

resource "google_artifact_registry_repository" "reg_s002" {
  repository_id = trim(substr(replace(lower("${local.prefix}-stack002-registry"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  location      = "europe-west1"
  format        = "DOCKER"
  description   = "translated from ovh_cloud_project_containerregistry.reg_s002"
}

resource "google_artifact_registry_repository_iam_member" "ci_s002" {
  repository = google_artifact_registry_repository.reg_s002.name
  location   = google_artifact_registry_repository.reg_s002.location
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.ci_s002.email}"
}

resource "google_compute_network" "net_s003" {
  name                    = trim(substr(replace(lower("${local.prefix}-stack003-net"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  auto_create_subnetworks = false
}

resource "google_compute_router" "gw_s003" {
  name    = trim(substr(replace(lower("${local.prefix}-stack003-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  region  = "europe-west2"
  network = google_compute_network.net_s003.id
}

resource "google_compute_router_nat" "gw_s003" {
  name                               = trim(substr(replace(lower("${local.prefix}-stack003-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  router                             = google_compute_router.gw_s003.name
  region                             = google_compute_router.gw_s003.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.subnet_s003.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "subnet_s003" {
  name                     = "subnet-s003"
  region                   = "europe-west2"
  network                  = google_compute_network.net_s003.id
  ip_cidr_range            = "10.3.0.0/16"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "kube-s003-pods"
    ip_cidr_range = "10.240.0.0/14"
  }
  secondary_ip_range {
    range_name    = "kube-s003-services"
    ip_cidr_range = "10.244.0.0/20"
  }
}

resource "google_container_cluster" "kube_s003" {
  name = trim(substr(replace(lower("${local.prefix}-stack003-mks"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west2"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kube_version
  network                  = google_compute_network.net_s003.id
  subnetwork               = google_compute_subnetwork.subnet_s003.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.kube_s003_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "kube-s003-pods"
    services_secondary_range_name = "kube-s003-services"
  }
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }
  release_channel {
    channel = lookup({ ALWAYS_UPDATE = "REGULAR", MINIMAL_DOWNTIME = "REGULAR", NEVER_UPDATE = "UNSPECIFIED" }, lookup(local.update_policies, var.environment, "ALWAYS_UPDATE"), "REGULAR")
  }
  timeouts {
    create = "30m"
    update = "45m"
  }
  # from ovh_cloud_project_kube_iprestrictions.api_s003
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = concat(var.admin_cidrs, ["10.3.0.0/16"])

      content {
        cidr_block = cidr_blocks.value
      }
    }
  }

  depends_on = [google_compute_router.gw_s003]
}

resource "google_container_node_pool" "general_s003" {
  name     = "general-3"
  cluster  = google_container_cluster.kube_s003.id
  location = google_container_cluster.kube_s003.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west2-a"]
  initial_node_count = 1

  autoscaling {
    total_min_node_count = 1
    total_max_node_count = 7
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "c3-highcpu-8"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s003_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
  timeouts {
    create = "1h"
    update = "1h"
  }
}

resource "google_service_account" "ci_s002" {
  account_id   = "reg-ci2"
  display_name = "registry user ci2 (from ovh_cloud_project_containerregistry_user.ci_s002)"
}

# docker login -u _json_key with this key replaces the Harbor user's password; prefer Workload Identity inside GKE
resource "google_service_account_key" "ci_s002" {
  service_account_id = google_service_account.ci_s002.name
}

resource "google_sql_user" "app_s002" {
  name     = "app2"
  instance = google_sql_database_instance.db_s002.name
  password = random_password.app_s002.result
}

# OVH generates database passwords; random_password does it here
resource "random_password" "app_s002" {
  length  = 32
  special = false
}
