variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

resource "ovh_cloud_project_storage" "state" {
  service_name = var.project_id
  region_name  = var.region
  name         = "tofu-state"
}

output "endpoint" {
  value = "https://s3.${lower(var.region)}.io.cloud.ovh.net"
}
