variable "service_name" {
  type = string
}

resource "google_compute_network" "n" {
  name                    = "prod"
  auto_create_subnetworks = false
}
