module "net" {
  source = "./modules/net"
}

module "kube" {
  source     = "./modules/kube"
  network_id = module.net.network_id
  subnet_id  = module.net.subnet_id
}
