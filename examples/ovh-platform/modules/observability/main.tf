terraform {
  required_providers {
    ovh = {
      source = "ovh/ovh"
    }
  }
}

resource "ovh_cloud_project_storage" "logs" {
  service_name = var.service_name
  region_name  = var.region
  name         = "${var.name_prefix}-logs"

  versioning = {
    status = "enabled"
  }

  object_lock = {
    status = "enabled"
    rule = {
      mode   = "governance"
      period = "P${var.retention_days}D"
    }
  }

  tags = merge(var.tags, { purpose = "logs" })
}
