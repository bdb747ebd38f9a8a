module "valkey" {
  source = "../../"

  service_name  = "your-ovh-project-id"
  valkey_flavor = "b3-8"
  valkey_nodes = [
    { region = "GRA" },
    { region = "GRA" },
  ]
}
