variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "expr" {
  service_name = var.service_name
  name         = "a" +
  region       = "GRA11"
}
