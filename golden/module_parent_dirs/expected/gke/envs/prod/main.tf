terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

module "kube" {
  source       = "../../modules/kube"
  service_name = "0123456789abcdef0123456789abcdef"
}

output "cluster_id" {
  value = module.kube.cluster_id
}
