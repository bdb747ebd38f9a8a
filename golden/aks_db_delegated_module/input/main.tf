variable "project" {
  type = string
}

variable "legacy_network_id" {
  type = string
}

resource "ovh_cloud_project_network_private" "shop" {
  service_name = var.project
  name         = "shop"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "shop" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.shop.id
  region       = "GRA11"
  network      = "10.40.0.0/24"
  start        = "10.40.0.10"
  end          = "10.40.0.200"
}

module "orders" {
  source     = "./modules/orders"
  project    = var.project
  network_id = ovh_cloud_project_network_private.shop.regions_openstack_ids["GRA11"]
  subnet_id  = ovh_cloud_project_network_private_subnet.shop.id
}

module "eu" {
  source     = "./modules/cache"
  project    = var.project
  network_id = ovh_cloud_project_network_private.shop.regions_openstack_ids["GRA11"]
}

module "us" {
  source     = "./modules/cache"
  project    = var.project
  network_id = ovh_cloud_project_network_private.shop.regions_openstack_ids["GRA11"]
}

module "legacy" {
  source     = "./modules/cache"
  project    = var.project
  network_id = var.legacy_network_id
}
