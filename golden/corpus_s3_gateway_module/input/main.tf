variable "project_id" {
  type = string
}

module "state" {
  source     = "./modules/state"
  project_id = var.project_id
  region     = "GRA"
}

output "state_endpoint" {
  value = module.state.endpoint
}
