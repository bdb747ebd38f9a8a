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

resource "ovh_cloud_project_network_private" "backend" {
  service_name = var.service_name
  name         = "backend"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "backend" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.backend.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  name         = "backend"
  cidr         = "10.60.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_instance" "dns" {
  count          = 2
  service_name   = var.service_name
  region         = "GRA11"
  name           = "dns-${count.index}"
  billing_period = "hourly"

  flavor {
    flavor_id = "b3-8"
  }

  boot_from {
    image_id = "Debian 12"
  }

  network {
    private {
      network {
        id        = ovh_cloud_project_network_private.backend.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.backend.id
      }
    }
  }
}

resource "ovh_cloud_project_loadbalancer" "resolver" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "resolver"
  flavor_id    = "small"

  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.backend.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.backend.id
      }
    }
  }

  listeners = [
    {
      port          = 53
      protocol      = "udp"
      allowed_cidrs = ["10.60.0.0/24", "10.61.0.0/24"]
      pool = {
        protocol = "udp"
        members = [
          {
            address       = ovh_cloud_project_instance.dns[0].addresses[0].ip
            protocol_port = 53
          },
          {
            address       = ovh_cloud_project_instance.dns[1].addresses[0].ip
            protocol_port = 53
          }
        ]
        health_monitor = {
          monitor_type = "udp-connect"
          delay        = 5
          timeout      = 2
          max_retries  = 2
        }
      }
    },
    {
      port     = 853
      protocol = "tcp"
      pool = {
        algorithm = "leastConnections"
        protocol  = "tcp"
        members = [
          {
            address       = ovh_cloud_project_instance.dns[0].addresses[0].ip
            protocol_port = 853
          },
          {
            address       = ovh_cloud_project_instance.dns[1].addresses[0].ip
            protocol_port = 853
          }
        ]
      }
    }
  ]
}

output "resolver_vip" {
  value = ovh_cloud_project_loadbalancer.resolver.vip_address
}
