variable "service_name" {
  type    = string
  default = "4c1a9be27d0f4e6a8b35c2d7e9f01a6b"
}

variable "api_key" {
  type    = string
  default = "9f2b7c41d0e84a6c"
}

resource "ovh_cloud_project_kube" "cluster" {
  service_name = var.service_name
  name         = "demo"
  region       = "GRA11"
  version      = "1.35"
}
