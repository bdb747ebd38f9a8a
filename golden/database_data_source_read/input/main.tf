data "ovh_cloud_project_database" "pg" {
  service_name = "XXXX"
  engine       = "postgresql"
  id           = "ZZZZ"
}
resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "XXXX"
  cluster_id   = data.ovh_cloud_project_database.pg.id
  name         = "app"
}
resource "ovh_cloud_project_database_database" "db" {
  service_name = "XXXX"
  engine       = "postgresql"
  cluster_id   = data.ovh_cloud_project_database.pg.id
  name         = "appdb"
}
output "host" {
  value = data.ovh_cloud_project_database.pg.endpoints[0].domain
}
