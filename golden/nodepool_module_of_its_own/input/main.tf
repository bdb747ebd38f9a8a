variable "project" {
  type = string
}

module "cluster" {
  source  = "./modules/cluster"
  project = var.project
}

module "general" {
  source     = "./modules/pool"
  project    = var.project
  cluster_id = module.cluster.id
  name       = "general"
}
