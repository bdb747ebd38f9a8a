locals {
  prefix       = "acme-${var.environment}"
  short_region = upper(replace(var.region, "/[0-9]+$/", ""))
  tags         = { environment = var.environment, managed_by = "terraform", stack = "ovh-platform" }
}

module "observability" {
  source         = "./modules/observability"
  service_name   = var.project_id
  region         = local.short_region
  name_prefix    = local.prefix
  retention_days = var.environment == "prod" ? 90 : 14
  tags           = local.tags
}
