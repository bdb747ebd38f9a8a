terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}

module "kube" {
  source       = "../../modules/kube"
  service_name = "0123456789abcdef0123456789abcdef"
}

output "cluster_id" {
  value = module.kube.cluster_id
}
