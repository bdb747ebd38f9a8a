terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "search"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "subnet" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.1.0.2"
  end          = "10.1.0.254"
  network      = "10.1.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_database" "search" {
  service_name            = var.service_name
  description             = "logs-search"
  engine                  = "opensearch"
  version                 = "2"
  plan                    = "business"
  flavor                  = "db1-15"
  disk_size               = 240
  opensearch_acls_enabled = true

  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.subnet.id
  }
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.subnet.id
  }
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.subnet.id
  }

  ip_restrictions {
    ip          = "10.1.0.0/24"
    description = "private subnet"
  }
}

resource "ovh_cloud_project_database_opensearch_user" "shipper" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.search.id
  name         = "shipper"

  acls {
    pattern    = "logs-*"
    permission = "write"
  }
}

resource "ovh_cloud_project_database_opensearch_pattern" "logs" {
  service_name    = var.service_name
  cluster_id      = ovh_cloud_project_database.search.id
  pattern         = "logs-*"
  max_index_count = 30
}

output "search_endpoint" {
  value = ovh_cloud_project_database.search.endpoints[0].uri
}
