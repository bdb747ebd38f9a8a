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

resource "ovh_cloud_project_network_private" "web" {
  service_name = var.service_name
  name         = "web"
  regions      = ["BHS5"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "web" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.web.regions_openstack_ids["BHS5"]
  region       = "BHS5"
  name         = "web"
  cidr         = "10.90.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_loadbalancer" "site" {
  service_name = var.service_name
  region_name  = "BHS5"
  name         = "site"
  flavor_id    = "small"

  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.web.regions_openstack_ids["BHS5"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.web.id
      }
      floating_ip_create = {}
    }
  }

  listeners = [
    {
      port     = 443
      protocol = "terminated-https"
      pool = {
        protocol = "http"
        members = [
          {
            address       = "10.90.0.21"
            protocol_port = 8080
          }
        ]
      }
    },
    {
      port     = 80
      protocol = "http"
      pool = {
        protocol = "http"
        members = [
          {
            address       = "10.90.0.21"
            protocol_port = 8080
            weight        = 3
          },
          {
            address       = "10.90.0.22"
            protocol_port = 8080
            weight        = 1
          }
        ]
        health_monitor = {
          monitor_type = "http"
          delay        = 5
          timeout      = 3
          max_retries  = 3
          http_configuration = {
            url_path       = "/health"
            http_method    = "HEAD"
            expected_codes = "200-204"
          }
        }
      }
    }
  ]
}
