terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

variable "service_name" {
  type = string
}

resource "ovh_cloud_project_kube" "apps" {
  service_name = var.service_name
  name         = "apps-cluster"
  region       = "GRA11"
  version      = "1.31"
}

resource "ovh_cloud_project_storage" "assets" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "acme-assets"
}

resource "ovh_cloud_project_containerregistry" "images" {
  service_name = var.service_name
  name         = "acme-images"
  region       = "GRA"
  plan_id      = "9f728ba5-998b-4401-ab0f-497cd8bc6a89"
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.service_name
  description  = "orders-db"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"

  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_user" "writer" {
  service_name = var.service_name
  description  = "writer"
  role_name    = "objectstore_operator"
}
