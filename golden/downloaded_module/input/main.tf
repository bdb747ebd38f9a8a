variable "project" {
  type = string
}

module "platform" {
  source  = "acme/platform/ovh"
  version = "1.4.0"

  service_name = var.project
  region       = "GRA11"
  cluster_name = "prod"
}

output "cluster_id" {
  value = module.platform.cluster_id
}
