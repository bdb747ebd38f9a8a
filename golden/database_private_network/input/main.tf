resource "ovh_cloud_project_network_private" "net" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "backend"
  regions      = ["GRA11"]
  vlan_id      = 42
}

resource "ovh_cloud_project_network_private_subnet" "subnet" {
  service_name = "0123456789abcdef0123456789abcdef"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.0.0.10"
  end          = "10.0.0.200"
  network      = "10.0.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_database" "db" {
  service_name = "0123456789abcdef0123456789abcdef"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.subnet.id
  }
  ip_restrictions {
    description = "private subnet"
    ip          = "10.0.0.0/24"
  }
}

output "host" {
  value = ovh_cloud_project_database.db.endpoints[0].domain
}
