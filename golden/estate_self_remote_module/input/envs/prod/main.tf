module "net" {
  source       = "github.com/acme/ovh-infra//modules/net?ref=v1.2.0"
  service_name = "p-prod"
  name         = "prod"
}

resource "ovh_cloud_project_kube" "k" {
  service_name       = "p-prod"
  name               = "prod"
  region             = "GRA11"
  private_network_id = module.net.id
}
