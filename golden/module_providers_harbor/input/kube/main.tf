resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "k"
  region       = "GRA11"
  private_network_id = tolist(ovh_cloud_project_network_private.n.regions_attributes)[0].openstackid
}
resource "ovh_cloud_project_network_private" "n" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "n"
  regions      = ["GRA11"]
}
