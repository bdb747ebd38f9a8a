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

data "ovh_cloud_project_loadbalancer_flavors" "flavors" {
  service_name = var.service_name
  region_name  = "GRA11"
}

resource "ovh_cloud_project_network_private" "lb" {
  service_name = var.service_name
  name         = "lb-net"
  vlan_id      = 77
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "lb" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.lb.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  name         = "lb-subnet"
  cidr         = "10.77.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_loadbalancer" "web" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "web-lb"
  description  = "public entry point for the web tier"
  flavor_id    = [for f in data.ovh_cloud_project_loadbalancer_flavors.flavors.flavors : f.id if f.name == "small"][0]

  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.lb.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.lb.id
      }
      floating_ip_create = {
        description = "web-lb public ip"
      }
      gateway_create = {
        model = "s"
        name  = "web-lb-gateway"
      }
    }
  }

  listeners = [
    {
      port          = 80
      protocol      = "http"
      allowed_cidrs = ["0.0.0.0/0"]
      pool = {
        algorithm = "roundRobin"
        protocol  = "http"
        members = [
          {
            address       = "10.77.0.11"
            protocol_port = 8080
            weight        = 1
          },
          {
            address       = "10.77.0.12"
            protocol_port = 8080
            weight        = 1
          }
        ]
        health_monitor = {
          monitor_type     = "http"
          delay            = 5
          timeout          = 3
          max_retries      = 3
          max_retries_down = 2
          http_configuration = {
            url_path       = "/healthz"
            http_method    = "GET"
            http_version   = "1.1"
            expected_codes = "200"
          }
        }
      }
    }
  ]
}

output "lb_vip" {
  value = ovh_cloud_project_loadbalancer.web.vip_address
}
