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

variable "office_cidrs" {
  type    = list(string)
  default = ["198.51.100.0/24"]
}

resource "ovh_cloud_project_network_private" "shop" {
  service_name = var.service_name
  name         = "shop-net"
  regions      = ["SBG5"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "shop" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.shop.regions_openstack_ids["SBG5"]
  region       = "SBG5"
  name         = "shop-subnet"
  cidr         = "10.20.0.0/24"
  dhcp         = true
}

resource "ovh_cloud_project_instance" "front_a" {
  service_name   = var.service_name
  region         = "SBG5"
  name           = "front-a"
  billing_period = "hourly"

  flavor {
    flavor_id = "b3-8"
  }

  boot_from {
    image_id = "Debian 12"
  }

  network {
    public = true
    private {
      network {
        id        = ovh_cloud_project_network_private.shop.regions_openstack_ids["SBG5"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.shop.id
      }
    }
  }
}

resource "ovh_cloud_project_instance" "front_b" {
  service_name   = var.service_name
  region         = "SBG5"
  name           = "front-b"
  billing_period = "hourly"

  flavor {
    flavor_id = "b3-8"
  }

  boot_from {
    image_id = "Debian 12"
  }

  network {
    public = true
    private {
      network {
        id        = ovh_cloud_project_network_private.shop.regions_openstack_ids["SBG5"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.shop.id
      }
    }
  }
}

data "ovh_cloud_project_loadbalancer_flavors" "sizes" {
  service_name = var.service_name
  region_name  = "SBG5"
}

resource "ovh_cloud_project_loadbalancer" "shop" {
  service_name = var.service_name
  region_name  = "SBG5"
  name         = "shop-lb"
  description  = "storefront entry"
  flavor_id    = [for f in data.ovh_cloud_project_loadbalancer_flavors.sizes.flavors : f.id if f.name == "medium"][0]

  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.shop.regions_openstack_ids["SBG5"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.shop.id
      }
      floating_ip_create = {
        description = "storefront address"
      }
    }
  }

  listeners = [
    {
      port     = 80
      protocol = "http"
      pool = {
        algorithm = "sourceIP"
        protocol  = "http"
        members = [
          {
            address       = ovh_cloud_project_instance.front_a.addresses[0].ip
            protocol_port = 80
          },
          {
            address       = ovh_cloud_project_instance.front_b.addresses[0].ip
            protocol_port = 80
          }
        ]
        health_monitor = {
          monitor_type     = "http"
          delay            = 10
          timeout          = 4
          max_retries      = 2
          max_retries_down = 3
          http_configuration = {
            url_path = "/ready"
          }
        }
      }
    },
    {
      port          = 443
      protocol      = "https"
      allowed_cidrs = var.office_cidrs
      pool = {
        protocol = "https"
        members = [
          {
            address       = ovh_cloud_project_instance.front_a.addresses[0].ip
            protocol_port = 443
          },
          {
            address       = ovh_cloud_project_instance.front_b.addresses[0].ip
            protocol_port = 443
          }
        ]
        health_monitor = {
          monitor_type = "tcp"
          delay        = 5
          timeout      = 3
          max_retries  = 2
        }
      }
    }
  ]
}

output "storefront_ip" {
  value = ovh_cloud_project_loadbalancer.shop.vip_address
}
