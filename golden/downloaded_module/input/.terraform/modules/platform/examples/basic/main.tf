module "platform" {
  source       = "../.."
  service_name = "0123456789abcdef0123456789abcdef"
  region       = "SBG5"
  cluster_name = "example"
}
