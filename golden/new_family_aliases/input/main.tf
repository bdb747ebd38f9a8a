terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

locals {
  region = "GRA11"
}

data "ovh_cloud_instance_flavors" "catalog" {
  service_name = var.service_name
  region       = local.region
}

data "ovh_cloud_instance_images" "catalog" {
  service_name = var.service_name
  region       = local.region
}

resource "ovh_cloud_network_private_vrack" "app" {
  service_name = var.service_name
  name         = "app-vrack"
  description  = "application private network"
  region       = local.region
  vlan_id      = 210
}

resource "ovh_cloud_network_private_vrack_subnet" "app" {
  service_name    = ovh_cloud_network_private_vrack.app.service_name
  network_id      = ovh_cloud_network_private_vrack.app.id
  region          = local.region
  name            = "app-subnet"
  cidr            = "10.210.0.0/24"
  dhcp_enabled    = true
  gateway_ip      = "10.210.0.1"
  dns_nameservers = ["213.186.33.99"]

  allocation_pools = [
    {
      start = "10.210.0.10"
      end   = "10.210.0.200"
    }
  ]
}

resource "ovh_cloud_gateway" "app" {
  service_name = var.service_name
  region       = local.region
  name         = "app-gateway"

  external_gateway = {
    enabled = true
    model   = "S"
  }

  subnet_ids = [ovh_cloud_network_private_vrack_subnet.app.id]
}

resource "ovh_cloud_security_group" "web" {
  service_name = var.service_name
  region       = local.region
  name         = "web"
  description  = "SSH from the office, HTTPS from anywhere"

  rule = [
    {
      direction        = "INGRESS"
      ethernet_type    = "IPV4"
      protocol         = "TCP"
      port_range_min   = 22
      port_range_max   = 22
      remote_ip_prefix = "203.0.113.0/24"
      description      = "ssh"
    },
    {
      direction        = "INGRESS"
      ethernet_type    = "IPV4"
      protocol         = "TCP"
      port_range_min   = 443
      port_range_max   = 443
      remote_ip_prefix = "0.0.0.0/0"
      description      = "https"
    }
  ]
}

resource "ovh_cloud_ssh_key" "deploy" {
  service_name = var.service_name
  name         = "deploy"
  public_key   = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnlyKeyMaterialForTests deploy@example.org"
}

resource "ovh_cloud_storage_block_volume" "data" {
  service_name = var.service_name
  region       = local.region
  name         = "web-data"
  size         = 100
  volume_type  = "HIGH_SPEED_GEN2"

  encryption = {
    enabled = false
  }
}

resource "ovh_cloud_instance" "web" {
  service_name = var.service_name
  region       = local.region
  name         = "web-1"

  flavor_id = one([
    for f in data.ovh_cloud_instance_flavors.catalog.flavors : f.id if f.name == "b3-8"
  ])
  image_id = one([
    for i in data.ovh_cloud_instance_images.catalog.images : i.id if i.name == "Debian 12"
  ])

  ssh_key_name       = ovh_cloud_ssh_key.deploy.name
  security_group_ids = [ovh_cloud_security_group.web.id]
  volume_ids         = [ovh_cloud_storage_block_volume.data.id]

  networks = [
    {
      network_id = ovh_cloud_network_private_vrack.app.id
      subnet_id  = ovh_cloud_network_private_vrack_subnet.app.id
    }
  ]

  depends_on = [ovh_cloud_gateway.app]
}

resource "ovh_cloud_floating_ip" "web" {
  service_name = var.service_name
  region       = local.region
  description  = "public address of web-1"
}
