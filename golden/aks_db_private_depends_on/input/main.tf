variable "project" {
  type = string
}

resource "ovh_cloud_project_network_private" "app" {
  service_name = var.project
  name         = "app"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "app" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.app.id
  region       = "GRA11"
  network      = "10.30.0.0/24"
  start        = "10.30.0.10"
  end          = "10.30.0.250"
}

resource "ovh_cloud_project_database" "synapse" {
  service_name = var.project
  description  = "synapse"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 80
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.app.regions_openstack_ids["GRA11"]
    subnet_id  = ovh_cloud_project_network_private_subnet.app.id
  }

  depends_on = [ovh_cloud_project_network_private_subnet.app]
}
