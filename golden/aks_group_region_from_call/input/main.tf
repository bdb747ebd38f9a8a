variable "site_region" {
  type    = string
  default = "GRA11"
}

module "edge_net" {
  source      = "./modules/net"
  region_code = var.site_region
  cidr        = "10.40.0.0/16"
}
