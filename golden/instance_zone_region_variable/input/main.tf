variable "project" {
  type = string
}

variable "region" {
  type    = string
  default = "SBG5"
}

resource "ovh_cloud_project_instance" "ledger" {
  service_name   = var.project
  region         = var.region
  billing_period = "hourly"
  name           = "ledger"
  flavor {
    flavor_id = "b3-16"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    public = true
  }
}

resource "ovh_cloud_project_volume" "journal" {
  service_name = var.project
  region_name  = var.region
  name         = "ledger-journal"
  size         = 50
}
