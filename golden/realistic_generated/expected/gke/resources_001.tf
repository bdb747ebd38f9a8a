locals {
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  kube_s000_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "kube_s000"
    clusters = [
      {
        name = "kube_s000"
        cluster = {
          server                       = "https://${google_container_cluster.kube_s000.endpoint}"
          "certificate-authority-data" = google_container_cluster.kube_s000.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "kube_s000"
        context = { cluster = "kube_s000", user = "kube_s000" }
      },
    ]
    users = [
      {
        name = "kube_s000"
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
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  kube_s001_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "kube_s001"
    clusters = [
      {
        name = "kube_s001"
        cluster = {
          server                       = "https://${google_container_cluster.kube_s001.endpoint}"
          "certificate-authority-data" = google_container_cluster.kube_s001.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "kube_s001"
        context = { cluster = "kube_s001", user = "kube_s001" }
      },
    ]
    users = [
      {
        name = "kube_s001"
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
  # kubeconfig rebuilt from the GKE endpoint and CA; authenticates with gke-gcloud-auth-plugin
  kube_s002_kubeconfig = yamlencode({
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "kube_s002"
    clusters = [
      {
        name = "kube_s002"
        cluster = {
          server                       = "https://${google_container_cluster.kube_s002.endpoint}"
          "certificate-authority-data" = google_container_cluster.kube_s002.master_auth[0].cluster_ca_certificate
        }
      },
    ]
    contexts = [
      {
        name    = "kube_s002"
        context = { cluster = "kube_s002", user = "kube_s002" }
      },
    ]
    users = [
      {
        name = "kube_s002"
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

resource "google_artifact_registry_repository" "reg_s000" {
  repository_id = trim(substr(replace(lower("${local.prefix}-stack000-registry"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  location      = "europe-west1"
  format        = "DOCKER"
  description   = "translated from ovh_cloud_project_containerregistry.reg_s000"
}

resource "google_artifact_registry_repository_iam_member" "ci_s000" {
  repository = google_artifact_registry_repository.reg_s000.name
  location   = google_artifact_registry_repository.reg_s000.location
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.ci_s000.email}"
}

resource "google_compute_network" "net_s000" {
  name                    = trim(substr(replace(lower("${local.prefix}-stack000-net"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  auto_create_subnetworks = false
}

resource "google_compute_network" "net_s001" {
  name                    = trim(substr(replace(lower("${local.prefix}-stack001-net"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  auto_create_subnetworks = false
}

resource "google_compute_network" "net_s002" {
  name                    = trim(substr(replace(lower("${local.prefix}-stack002-net"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  auto_create_subnetworks = false
}

resource "google_compute_router" "gw_s000" {
  name    = trim(substr(replace(lower("${local.prefix}-stack000-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  region  = "europe-west1"
  network = google_compute_network.net_s000.id
}

resource "google_compute_router" "gw_s001" {
  name    = trim(substr(replace(lower("${local.prefix}-stack001-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  region  = "europe-west3"
  network = google_compute_network.net_s001.id
}

resource "google_compute_router" "gw_s002" {
  name    = trim(substr(replace(lower("${local.prefix}-stack002-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  region  = "europe-west3"
  network = google_compute_network.net_s002.id
}

resource "google_compute_router_nat" "gw_s000" {
  name                               = trim(substr(replace(lower("${local.prefix}-stack000-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  router                             = google_compute_router.gw_s000.name
  region                             = google_compute_router.gw_s000.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.subnet_s000.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_router_nat" "gw_s001" {
  name                               = trim(substr(replace(lower("${local.prefix}-stack001-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  router                             = google_compute_router.gw_s001.name
  region                             = google_compute_router.gw_s001.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.subnet_s001.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_router_nat" "gw_s002" {
  name                               = trim(substr(replace(lower("${local.prefix}-stack002-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  router                             = google_compute_router.gw_s002.name
  region                             = google_compute_router.gw_s002.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.subnet_s002.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "subnet_s000" {
  name                     = "subnet-s000"
  region                   = "europe-west1"
  network                  = google_compute_network.net_s000.id
  ip_cidr_range            = "10.0.0.0/16"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "kube-s000-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "kube-s000-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_compute_subnetwork" "subnet_s001" {
  name                     = "subnet-s001"
  region                   = "europe-west3"
  network                  = google_compute_network.net_s001.id
  ip_cidr_range            = "10.1.0.0/16"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "kube-s001-pods"
    ip_cidr_range = "10.2.0.0/16"
  }
  secondary_ip_range {
    range_name    = "kube-s001-services"
    ip_cidr_range = "10.3.0.0/16"
  }
}

resource "google_compute_subnetwork" "subnet_s002" {
  name                     = "subnet-s002"
  region                   = "europe-west3"
  network                  = google_compute_network.net_s002.id
  ip_cidr_range            = "10.2.0.0/16"
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "kube-s002-pods"
    ip_cidr_range = "10.240.0.0/14"
  }
  secondary_ip_range {
    range_name    = "kube-s002-services"
    ip_cidr_range = "10.244.0.0/20"
  }
}

resource "google_container_cluster" "kube_s000" {
  name = trim(substr(replace(lower("${local.prefix}-stack000-mks"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kube_version
  network                  = google_compute_network.net_s000.id
  subnetwork               = google_compute_subnetwork.subnet_s000.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.kube_s000_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "kube-s000-pods"
    services_secondary_range_name = "kube-s000-services"
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
  # from ovh_cloud_project_kube_iprestrictions.api_s000
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = concat(var.admin_cidrs, ["10.0.0.0/16"])

      content {
        cidr_block = cidr_blocks.value
      }
    }
  }

  depends_on = [google_compute_router.gw_s000]
}

resource "google_container_cluster" "kube_s001" {
  name = trim(substr(replace(lower("${local.prefix}-stack001-mks"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west3"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kube_version
  network                  = google_compute_network.net_s001.id
  subnetwork               = google_compute_subnetwork.subnet_s001.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.kube_s001_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "kube-s001-pods"
    services_secondary_range_name = "kube-s001-services"
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
  # from ovh_cloud_project_kube_iprestrictions.api_s001
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = concat(var.admin_cidrs, ["10.1.0.0/16"])

      content {
        cidr_block = cidr_blocks.value
      }
    }
  }

  depends_on = [google_compute_router.gw_s001]
}

resource "google_container_cluster" "kube_s002" {
  name = trim(substr(replace(lower("${local.prefix}-stack002-mks"), "/[^a-z0-9-]/", "-"), 0, 40), "-")
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west3"
  deletion_protection      = true
  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kube_version
  network                  = google_compute_network.net_s002.id
  subnetwork               = google_compute_subnetwork.subnet_s002.id
  networking_mode          = "VPC_NATIVE"

  node_config {
    service_account = google_service_account.kube_s002_nodes.email
  }
  workload_identity_config {
    workload_pool = "${data.google_client_config.default.project}.svc.id.goog"
  }
  ip_allocation_policy {
    cluster_secondary_range_name  = "kube-s002-pods"
    services_secondary_range_name = "kube-s002-services"
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
  # from ovh_cloud_project_kube_iprestrictions.api_s002
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = concat(var.admin_cidrs, ["10.2.0.0/16"])

      content {
        cidr_block = cidr_blocks.value
      }
    }
  }

  depends_on = [google_compute_router.gw_s002]
}

resource "google_container_node_pool" "batch_s000" {
  count    = var.batch_pool_count
  name     = "batch-0-${count.index}"
  cluster  = google_container_cluster.kube_s000.id
  location = google_container_cluster.kube_s000.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = 1

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 3
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "c3-highcpu-8"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s000_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "batch_s001" {
  count    = var.batch_pool_count
  name     = "batch-1-${count.index}"
  cluster  = google_container_cluster.kube_s001.id
  location = google_container_cluster.kube_s001.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west3-a"]
  initial_node_count = 1

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 3
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "n2-highmem-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s001_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "batch_s002" {
  count    = var.batch_pool_count
  name     = "batch-2-${count.index}"
  cluster  = google_container_cluster.kube_s002.id
  location = google_container_cluster.kube_s002.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west3-a"]
  initial_node_count = 1

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 3
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "n1-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s002_nodes.email

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "general_s000" {
  name     = "general-0"
  cluster  = google_container_cluster.kube_s000.id
  location = google_container_cluster.kube_s000.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = 1

  autoscaling {
    total_min_node_count = 1
    total_max_node_count = 4
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "n2-standard-2"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s000_nodes.email

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

resource "google_container_node_pool" "general_s001" {
  name     = "general-1"
  cluster  = google_container_cluster.kube_s001.id
  location = google_container_cluster.kube_s001.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west3-a"]
  initial_node_count = 2

  autoscaling {
    total_min_node_count = 2
    total_max_node_count = 5
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "n2-standard-4"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s001_nodes.email

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

resource "google_container_node_pool" "general_s002" {
  name     = "general-2"
  cluster  = google_container_cluster.kube_s002.id
  location = google_container_cluster.kube_s002.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west3-a"]
  initial_node_count = 3

  autoscaling {
    total_min_node_count = 3
    total_max_node_count = 6
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "n2-standard-8"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s002_nodes.email

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

resource "google_container_node_pool" "gpu_s000" {
  name     = "gpu-0"
  cluster  = google_container_cluster.kube_s000.id
  location = google_container_cluster.kube_s000.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west1-b"]
  initial_node_count = 0

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 2
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "g2-standard-32"
    labels          = merge(local.common_labels, { workload = "gpu", "nvidia.com/gpu.present" = "true", stack = "s000" })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s000_nodes.email

    guest_accelerator {
      count = 1
      type  = "nvidia-l4"

      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }
    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NO_SCHEDULE"
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "gpu_s001" {
  name     = "gpu-1"
  cluster  = google_container_cluster.kube_s001.id
  location = google_container_cluster.kube_s001.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west3-a"]
  initial_node_count = 0

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 3
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "a2-ultragpu-1g"
    labels          = merge(local.common_labels, { workload = "gpu", "nvidia.com/gpu.present" = "true", stack = "s001" })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s001_nodes.email

    guest_accelerator {
      count = 1
      type  = "nvidia-a100-80gb"

      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }
    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "PREFER_NO_SCHEDULE"
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "gpu_s002" {
  name     = "gpu-2"
  cluster  = google_container_cluster.kube_s002.id
  location = google_container_cluster.kube_s002.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations     = ["europe-west3-a"]
  initial_node_count = 0

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = 4
    location_policy      = "BALANCED"
  }
  node_config {
    machine_type    = "a2-ultragpu-1g"
    labels          = merge(local.common_labels, { workload = "gpu", "nvidia.com/gpu.present" = "true", stack = "s002" })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s002_nodes.email

    guest_accelerator {
      count = 1
      type  = "nvidia-a100-80gb"

      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }
    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NO_EXECUTE"
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "pools_s000" {
  for_each = var.node_pools
  name     = trim(substr(replace(lower("${each.key}-0"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster  = google_container_cluster.kube_s000.id
  location = google_container_cluster.kube_s000.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = each.value.max > each.value.min ? null : each.value.min

  dynamic "autoscaling" {
    for_each = each.value.max > each.value.min ? [1] : []

    content {
      total_min_node_count = each.value.min
      total_max_node_count = each.value.max
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = each.value.flavor
    labels          = merge(local.common_labels, { pool = each.key })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s000_nodes.email

    dynamic "taint" {
      for_each = lookup(local.pool_taints, each.key, [])

      content {
        key   = taint.value.key
        value = lookup(taint.value, "value", null)
        effect = {
          NoSchedule       = "NO_SCHEDULE"
          PreferNoSchedule = "PREFER_NO_SCHEDULE"
          NoExecute        = "NO_EXECUTE"
        }[taint.value.effect]
      }
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "pools_s001" {
  for_each = var.node_pools
  name     = trim(substr(replace(lower("${each.key}-1"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster  = google_container_cluster.kube_s001.id
  location = google_container_cluster.kube_s001.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west3-a"]
  node_count     = each.value.max > each.value.min ? null : each.value.min

  dynamic "autoscaling" {
    for_each = each.value.max > each.value.min ? [1] : []

    content {
      total_min_node_count = each.value.min
      total_max_node_count = each.value.max
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = each.value.flavor
    labels          = merge(local.common_labels, { pool = each.key })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s001_nodes.email

    dynamic "taint" {
      for_each = lookup(local.pool_taints, each.key, [])

      content {
        key   = taint.value.key
        value = lookup(taint.value, "value", null)
        effect = {
          NoSchedule       = "NO_SCHEDULE"
          PreferNoSchedule = "PREFER_NO_SCHEDULE"
          NoExecute        = "NO_EXECUTE"
        }[taint.value.effect]
      }
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "pools_s002" {
  for_each = var.node_pools
  name     = trim(substr(replace(lower("${each.key}-2"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  cluster  = google_container_cluster.kube_s002.id
  location = google_container_cluster.kube_s002.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west3-a"]
  node_count     = each.value.max > each.value.min ? null : each.value.min

  dynamic "autoscaling" {
    for_each = each.value.max > each.value.min ? [1] : []

    content {
      total_min_node_count = each.value.min
      total_max_node_count = each.value.max
      location_policy      = "BALANCED"
    }
  }
  node_config {
    machine_type    = each.value.flavor
    labels          = merge(local.common_labels, { pool = each.key })
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    service_account = google_service_account.kube_s002_nodes.email

    dynamic "taint" {
      for_each = lookup(local.pool_taints, each.key, [])

      content {
        key   = taint.value.key
        value = lookup(taint.value, "value", null)
        effect = {
          NoSchedule       = "NO_SCHEDULE"
          PreferNoSchedule = "PREFER_NO_SCHEDULE"
          NoExecute        = "NO_EXECUTE"
        }[taint.value.effect]
      }
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_service_account" "ci_s000" {
  account_id   = "reg-ci0"
  display_name = "registry user ci0 (from ovh_cloud_project_containerregistry_user.ci_s000)"
}

resource "google_service_account" "s3_s000" {
  account_id   = "s3-s000"
  display_name = "s000 s3 user"
}

resource "google_service_account" "s3_s001" {
  count        = 2
  account_id   = "s3-s001"
  display_name = "s001 s3 user ${count.index}"
}

resource "google_service_account" "s3_s002" {
  account_id   = "s3-s002"
  display_name = "s002 s3 user"
}

# docker login -u _json_key with this key replaces the Harbor user's password; prefer Workload Identity inside GKE
resource "google_service_account_key" "ci_s000" {
  service_account_id = google_service_account.ci_s000.name
}

resource "google_sql_database" "app_s000" {
  name     = "app0"
  instance = google_sql_database_instance.db_s000.name
}

resource "google_sql_database" "app_s001" {
  name     = "app1"
  instance = google_sql_database_instance.db_s001.name
}

resource "google_sql_database" "app_s002" {
  name     = "app2"
  instance = google_sql_database_instance.db_s002.name
}

resource "google_sql_database_instance" "db_s000" {
  name                = "db-s000"
  region              = local.short_regions["europe-west1"]
  database_version    = "POSTGRES_16"
  deletion_protection = var.environment == "prod"

  settings {
    tier = "db-custom-4-15360"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "REGIONAL"
    disk_size         = 80
    disk_autoresize   = false
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      dynamic "authorized_networks" {
        for_each = local.db_allowed["s000"]
        iterator = ip_restrictions

        content {
          value = ip_restrictions.value.cidr
          name  = ip_restrictions.value.description
        }
      }
    }
    backup_configuration {
      enabled                        = true
      start_time                     = "00:00"
      point_in_time_recovery_enabled = true
      location                       = local.short_regions["europe-west1"]
    }
    # OVH maintenance is daily; Cloud SQL needs a day of the week (7 = Sunday)
    maintenance_window {
      day  = 7
      hour = 2
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }
  }
}

resource "google_sql_database_instance" "db_s001" {
  name                = "db-s001"
  region              = local.short_regions["europe-west3"]
  database_version    = "MYSQL_8_0"
  deletion_protection = var.environment == "prod"

  settings {
    tier = "db-custom-2-4096"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_size         = 160
    disk_autoresize   = false
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      authorized_networks {
        value = "10.1.0.0/16"
        name  = "s001 private network"
      }
      authorized_networks {
        value = "203.0.113.1/32"
        name  = "bastion"
      }
    }
    backup_configuration {
      enabled            = true
      start_time         = "01:00"
      binary_log_enabled = true
      location           = local.short_regions["europe-west3"]
    }
    # OVH maintenance is daily; Cloud SQL needs a day of the week (7 = Sunday)
    maintenance_window {
      day  = 7
      hour = 3
    }
    database_flags {
      name  = "sql_mode"
      value = "ANSI,TRADITIONAL"
    }
  }
}

resource "google_sql_database_instance" "db_s002" {
  name                = "db-s002"
  region              = local.short_regions["europe-west3"]
  database_version    = "POSTGRES_15"
  deletion_protection = var.environment == "prod"

  settings {
    tier = "db-custom-2-7168"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_size         = 240
    disk_autoresize   = false
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"

      dynamic "authorized_networks" {
        for_each = local.db_allowed["s002"]
        iterator = ip_restrictions

        content {
          value = ip_restrictions.value.cidr
          name  = ip_restrictions.value.description
        }
      }
    }
    backup_configuration {
      enabled                        = true
      start_time                     = "02:00"
      point_in_time_recovery_enabled = true
      location                       = local.short_regions["europe-west3"]
    }
    # OVH maintenance is daily; Cloud SQL needs a day of the week (7 = Sunday)
    maintenance_window {
      day  = 7
      hour = 4
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }
  }
}

resource "google_sql_user" "app_s000" {
  name     = "app0"
  instance = google_sql_database_instance.db_s000.name
  password = random_password.app_s000.result
}

resource "google_sql_user" "app_s001" {
  name     = "app1"
  instance = google_sql_database_instance.db_s001.name
  password = random_password.app_s001.result
}

resource "google_storage_bucket" "bucket_s000" {
  name                        = trim(substr(replace(lower("${local.prefix}-s000-data"), "/[^a-z0-9._-]/", "-"), 0, 63), "-")
  location                    = upper(local.short_regions["europe-west1"])
  uniform_bucket_level_access = true
  force_destroy               = false
  # GCS label keys and values must be lowercase
  labels = merge(local.common_labels, { stack = "s000" })

  versioning {
    enabled = true
  }
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_storage_bucket" "bucket_s001" {
  name                        = trim(substr(replace(lower("${local.prefix}-s001-data"), "/[^a-z0-9._-]/", "-"), 0, 63), "-")
  location                    = upper(local.short_regions["europe-west3"])
  uniform_bucket_level_access = true
  force_destroy               = false
  # GCS label keys and values must be lowercase
  labels = merge(local.common_labels, { stack = "s001" })

  versioning {
    enabled = false
  }
  lifecycle {
    prevent_destroy = false
  }
}

resource "google_storage_bucket" "bucket_s002" {
  name                        = trim(substr(replace(lower("${local.prefix}-s002-data"), "/[^a-z0-9._-]/", "-"), 0, 63), "-")
  location                    = upper(local.short_regions["europe-west3"])
  uniform_bucket_level_access = true
  force_destroy               = false
  # GCS label keys and values must be lowercase
  labels = merge(local.common_labels, { stack = "s002" })

  versioning {
    enabled = true
  }
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_storage_bucket_iam_member" "s3_s000" {
  bucket = google_storage_bucket.bucket_s000.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.s3_s000.email}"
}

resource "google_storage_bucket_iam_member" "s3_s001" {
  count  = 2
  bucket = google_storage_bucket.bucket_s001.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.s3_s001.email}"
}

resource "google_storage_bucket_iam_member" "s3_s002" {
  bucket = google_storage_bucket.bucket_s002.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.s3_s002.email}"
}

# S3-compatible (XML API) key; use https://storage.googleapis.com as the S3 endpoint
resource "google_storage_hmac_key" "s3_s000" {
  service_account_email = google_service_account.s3_s000.email
}

# S3-compatible (XML API) key; use https://storage.googleapis.com as the S3 endpoint
resource "google_storage_hmac_key" "s3_s001" {
  count                 = 2
  service_account_email = google_service_account.s3_s001.email
}

# S3-compatible (XML API) key; use https://storage.googleapis.com as the S3 endpoint
resource "google_storage_hmac_key" "s3_s002" {
  service_account_email = google_service_account.s3_s002.email
}

# OVH generates database passwords; random_password does it here
resource "random_password" "app_s000" {
  length  = 32
  special = false
}

# OVH generates database passwords; random_password does it here
resource "random_password" "app_s001" {
  length  = 32
  special = false
}
