resource "ovh_cloud_project_storage" "a" {
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-a"
}

output "x" {
  value = ovh_cloud_project_storage.a.name
}
