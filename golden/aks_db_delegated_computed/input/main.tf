variable "project" {
  type = string
}

variable "base_cidr" {
  type    = string
  default = "10.30.0.0/16"
}

variable "catalog_cidr" {
  type    = string
  default = "10.31.0.0/24"
}

resource "ovh_cloud_project_network_private" "shop" {
  service_name = var.project
  name         = "shop"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.shop.id
  region       = "GRA11"
  network      = cidrsubnet(var.base_cidr, 8, 0)
  start        = cidrhost(cidrsubnet(var.base_cidr, 8, 0), 10)
  end          = cidrhost(cidrsubnet(var.base_cidr, 8, 0), 200)
}

resource "ovh_cloud_project_network_private_subnet" "apps" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.shop.id
  region       = "GRA11"
  network      = cidrsubnet(var.base_cidr, 8, 1)
  start        = cidrhost(cidrsubnet(var.base_cidr, 8, 1), 10)
  end          = cidrhost(cidrsubnet(var.base_cidr, 8, 1), 200)
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.project
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 80
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.shop.regions_openstack_ids["GRA11"]
    subnet_id  = ovh_cloud_project_network_private_subnet.nodes.id
  }
}

resource "ovh_cloud_project_network_private" "backoffice" {
  service_name = var.project
  name         = "backoffice"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "backoffice" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.backoffice.id
  region       = "GRA11"
  network      = var.catalog_cidr
  start        = cidrhost(var.catalog_cidr, 10)
  end          = cidrhost(var.catalog_cidr, 200)
}

resource "ovh_cloud_project_database" "catalog" {
  service_name = var.project
  description  = "catalog"
  engine       = "mysql"
  version      = "8"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 80
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.backoffice.regions_openstack_ids["GRA11"]
    subnet_id  = ovh_cloud_project_network_private_subnet.backoffice.id
  }
}
