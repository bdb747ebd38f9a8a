variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "backend"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "subnet" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.0.0.10"
  end          = "10.0.0.200"
  network      = "10.0.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_database" "app" {
  service_name = var.service_name
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-7"
  disk_size    = 20
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.subnet.id
  }
  ip_restrictions {
    description = "app servers"
    ip          = "10.0.0.0/26"
  }
}

resource "ovh_cloud_project_database_ip_restriction" "batch" {
  service_name = var.service_name
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.app.id
  ip           = "10.0.0.64/26"
  description  = "batch"
}
