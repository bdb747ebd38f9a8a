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

resource "ovh_cloud_project_storage" "archive" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "acme-archive-prod"

  versioning = {
    status = "enabled"
  }

  encryption = {
    sse_algorithm = "AES256"
  }

  object_lock = {
    status = "enabled"
    rule = {
      mode   = "governance"
      period = "P30D"
    }
  }

  tags = {
    environment = "prod"
    team        = "data"
  }
}

output "archive_endpoint" {
  value = ovh_cloud_project_storage.archive.virtual_host
}
