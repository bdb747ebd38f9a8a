resource "ovh_cloud_project_storage" "state" {
  service_name = "abc123"
  region_name  = "GRA"
  name         = "acme-tfstate"
}
