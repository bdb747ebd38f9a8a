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
  name = "apps"
  # regional control plane; OVH free plan has a single-zone control plane
  location                 = "europe-west1"
  deletion_protection      = false
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.k.id
  subnetwork               = google_compute_subnetwork.k.id
  networking_mode          = "VPC_NATIVE"

  ip_allocation_policy {
    cluster_secondary_range_name  = "k-pods"
    services_secondary_range_name = "k-services"
  }
}

resource "google_container_node_pool" "pool" {
  name     = "pool"
  cluster  = google_container_cluster.k.id
  location = google_container_cluster.k.location
  # one zone, like the OVH pool; add zones to spread nodes (counts are per zone)
  node_locations = ["europe-west1-b"]
  node_count     = 1

  node_config {
    machine_type = "n2-standard-2"
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_sql_database_instance" "db" {
  name                = "db"
  region              = "europe-west1"
  database_version    = "POSTGRES_16"
  deletion_protection = false

  settings {
    tier = "db-custom-2-4096"
    # custom tiers need the ENTERPRISE edition
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_type         = "PD_SSD"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}
