terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

variable "service_name" {
  type = string
}

module "lan" {
  source       = "./modules/lan"
  for_each     = toset(["blue", "green"])
  service_name = var.service_name
  label        = each.key
}

module "edge_a" {
  source       = "./modules/edge"
  service_name = var.service_name
  prefix       = "edge-a"
}

module "edge_b" {
  source       = "./modules/edge"
  service_name = var.service_name
  prefix       = "edge-b"
}

module "single" {
  source       = "./modules/single"
  count        = 1
  service_name = var.service_name
}
