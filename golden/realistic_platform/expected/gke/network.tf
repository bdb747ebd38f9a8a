resource "google_compute_network" "main" {
  name                    = trim(substr(replace(lower("${local.prefix}-net"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  auto_create_subnetworks = false
}

resource "google_compute_router" "main" {
  name    = trim(substr(replace(lower("${local.prefix}-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  region  = var.region
  network = google_compute_network.main.id
}

resource "google_compute_router_nat" "main" {
  name                               = trim(substr(replace(lower("${local.prefix}-gw"), "/[^a-z0-9-]/", "-"), 0, 63), "-")
  router                             = google_compute_router.main.name
  region                             = google_compute_router.main.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.nodes.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
}

resource "google_compute_subnetwork" "nodes" {
  name                     = "nodes"
  region                   = var.region
  network                  = google_compute_network.main.id
  ip_cidr_range            = var.private_cidr
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
