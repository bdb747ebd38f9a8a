terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_compute_network" "lb" {
  name                    = "lb-net"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "lb" {
  name                     = "lb-subnet"
  region                   = "europe-west1"
  network                  = google_compute_network.lb.id
  ip_cidr_range            = "10.77.0.0/24"
  private_ip_google_access = true
}

# TODO(IT305): ovh_cloud_project_loadbalancer.web (Octavia load balancer; listener http/80) is not translated.
# Kubernetes: Service type LoadBalancer / Gateway API. VMs: google_compute_forwarding_rule + google_compute_region_backend_service.

output "lb_vip" {
  value = "TODO(IT206): ovh_cloud_project_loadbalancer.web.vip_address"
}
