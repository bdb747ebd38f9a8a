data "ovh_cloud_project_capabilities_containerregistry_filter" "plan" {
  service_name = var.project_id
  plan_name    = var.registry_plan
  region       = local.short_region
}

resource "ovh_cloud_project_containerregistry" "main" {
  service_name = var.project_id
  name         = "${local.prefix}-registry"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.plan.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.plan.id
}

resource "ovh_cloud_project_containerregistry_user" "ci" {
  service_name = var.project_id
  registry_id  = ovh_cloud_project_containerregistry.main.id
  email        = "ci@example.org"
  login        = "ci"
}
