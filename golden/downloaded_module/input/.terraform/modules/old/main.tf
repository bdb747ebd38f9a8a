resource "ovh_cloud_project_user" "stale" {
  service_name = "0123456789abcdef0123456789abcdef"
  description  = "from a module no call uses any more"
}
