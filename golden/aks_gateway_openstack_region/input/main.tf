variable "project_id" {
  type = string
}

variable "region" {
  type    = string
  default = "GRA11"
}

module "wan" {
  source       = "./modules/wan"
  os_tenant_id = var.project_id
  os_region    = var.region
}
