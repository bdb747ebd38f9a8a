module "net" {
  source       = "../modules/net"
  service_name = "p-b"
}
