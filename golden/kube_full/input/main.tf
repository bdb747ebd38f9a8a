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

variable "region" {
  type    = string
  default = "GRA11"
}

resource "ovh_cloud_project_network_private" "prod" {
  service_name = var.service_name
  name         = "prod-private-net"
  vlan_id      = 120
  regions      = [var.region]
}

resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.prod.id
  region       = var.region
  network      = "10.20.0.0/16"
  start        = "10.20.0.10"
  end          = "10.20.255.250"
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_gateway" "prod" {
  service_name = var.service_name
  name         = "prod-gateway"
  model        = "s"
  region       = var.region
  network_id   = tolist(ovh_cloud_project_network_private.prod.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.nodes.id
}

resource "ovh_cloud_project_kube" "prod" {
  service_name             = var.service_name
  name                     = "prod-cluster"
  region                   = var.region
  version                  = "1.31"
  plan                     = "standard"
  update_policy            = "MINIMAL_DOWNTIME"
  kube_proxy_mode          = "ipvs"
  private_network_id       = tolist(ovh_cloud_project_network_private.prod.regions_attributes[*].openstackid)[0]
  nodes_subnet_id          = ovh_cloud_project_network_private_subnet.nodes.id
  load_balancers_subnet_id = ovh_cloud_project_network_private_subnet.nodes.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }

  customization_kube_proxy {
    ipvs {
      min_sync_period = "PT1S"
      sync_period     = "PT30S"
      scheduler       = "lc"
      tcp_timeout     = "PT300S"
      tcp_fin_timeout = "PT120S"
      udp_timeout     = "PT300S"
    }
  }

  ip_allocation_policy {
    pods_ipv4_cidr     = "10.240.0.0/13"
    services_ipv4_cidr = "10.3.0.0/16"
  }

  timeouts {
    create = "30m"
    update = "30m"
  }

  depends_on = [ovh_cloud_project_gateway.prod]
}

resource "ovh_cloud_project_kube_nodepool" "workers" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.prod.id
  name          = "workers"
  flavor_name   = "b3-16"
  desired_nodes = 3
  min_nodes     = 3
  max_nodes     = 6
  autoscale     = true
}
