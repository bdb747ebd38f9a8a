variable "network_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

resource "ovh_cloud_project_kube" "k" {
  service_name       = "0123456789abcdef0123456789abcdef"
  name               = "prod"
  region             = "GRA11"
  private_network_id = var.network_id
  nodes_subnet_id    = var.subnet_id
}
