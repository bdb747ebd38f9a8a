terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "project" {
  description = "Public Cloud project holding the ledger database"
  type        = string
}

variable "client_networks" {
  description = "Networks the ledger clients connect from; null until they are known"
  type        = list(string)
  default     = null
}

resource "ovh_cloud_project_database" "ledger" {
  service_name = var.project
  description  = "ledger"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-7"

  nodes {
    region = "GRA"
  }
}

resource "ovh_cloud_project_database_ip_restriction" "clients" {
  count        = var.client_networks == null ? 0 : length(var.client_networks)
  service_name = var.project
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.ledger.id
  ip           = var.client_networks[count.index]
}
