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

resource "ovh_cloud_project_database" "mongo" {
  service_name = var.service_name
  description  = "catalog-mongo"
  engine       = "mongodb"
  version      = "7.0"
  plan         = "production"
  flavor       = "db2-15"

  nodes {
    region = "GRA"
  }

  nodes {
    region = "GRA"
  }

  nodes {
    region = "GRA"
  }

  ip_restrictions {
    ip          = "10.20.0.0/16"
    description = "kubernetes nodes"
  }

  backup_time      = "02:00:00"
  maintenance_time = "05:00:00"
}

resource "ovh_cloud_project_database_mongodb_user" "catalog" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.mongo.id
  name         = "catalog"
  roles        = ["readWrite@catalog", "read@analytics"]
}

output "mongo_uri" {
  value = ovh_cloud_project_database.mongo.endpoints[0].uri
}
