variable "service_name" {
  type = string
}

variable "gpu_flavor" {
  type    = string
  default = "l4-90"
}

module "cluster" {
  source       = "./modules/cluster"
  service_name = var.service_name
  gpu_flavor   = var.gpu_flavor
}
