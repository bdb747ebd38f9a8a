resource "ovh_cloud_project_storage" "vendored" {
  service_name = "x"
  region_name  = "GRA"
  name         = "never-read"
}
