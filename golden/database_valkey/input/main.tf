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

resource "ovh_cloud_project_database" "cache" {
  service_name = var.service_name
  description  = "session-cache"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db2-4"

  nodes {
    region = "GRA"
  }

  ip_restrictions {
    ip          = "10.20.0.0/16"
    description = "app subnet"
  }
}

resource "ovh_cloud_project_database_valkey_user" "sessions" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.cache.id
  name         = "sessions"
  categories   = ["+@read", "+@write", "-@dangerous"]
  commands     = ["+get", "+set", "+expire", "-flushall"]
  keys         = ["session:*"]
  channels     = ["notifications"]
}

output "valkey_uri" {
  value = ovh_cloud_project_database.cache.endpoints[0].uri
}
