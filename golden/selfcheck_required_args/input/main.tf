variable "project_id" {
  type = string
}

data "ovh_cloud_project_containerregistry" "images" {
  service_name = var.project_id
  registry_id  = "3f0c9a7e-0000-4000-8000-000000000001"
}

output "registry_url" {
  value = data.ovh_cloud_project_containerregistry.images.url
}
