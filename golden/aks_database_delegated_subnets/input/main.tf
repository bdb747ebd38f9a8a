variable "project" {
  type = string
}

resource "ovh_cloud_project_network_private" "shop" {
  service_name = var.project
  name         = "shop"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "shop_nodes" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.shop.id
  region       = "GRA11"
  network      = "10.20.0.0/24"
  start        = "10.20.0.10"
  end          = "10.20.0.250"
}

resource "ovh_cloud_project_kube" "shop" {
  service_name       = var.project
  name               = "shop"
  region             = "GRA11"
  private_network_id = ovh_cloud_project_network_private.shop.regions_openstack_ids["GRA11"]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.shop_nodes.id
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
    subnet_id  = ovh_cloud_project_network_private_subnet.shop_nodes.id
  }
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
    network_id = ovh_cloud_project_network_private.shop.regions_openstack_ids["GRA11"]
    subnet_id  = ovh_cloud_project_network_private_subnet.shop_nodes.id
  }
}
