variable "project" {
  type = string
}

data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "tfstate"
    key    = "network.tfstate"
    region = "gra"
  }
}

resource "ovh_cloud_project_database" "orders" {
  service_name = var.project
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  disk_size    = 80
  nodes {
    region     = "GRA"
    network_id = data.terraform_remote_state.network.outputs.network_id
    subnet_id  = data.terraform_remote_state.network.outputs.subnet_id
  }
}
