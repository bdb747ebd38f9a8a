module "net" {
  source       = "../modules/net"
  service_name = "p-a"
}

resource "ovh_domain_zone_record" "www" {
  zone      = "example.com"
  subdomain = "www"
  fieldtype = "A"
  target    = "192.0.2.10"
}
