data "ovh_cloud_project_database" "analytics" {
  service_name = var.project
  engine       = "clickhouse"
  id           = var.cluster_id
}

resource "ovh_cloud_project_database_clickhouse_user" "reporting" {
  service_name = data.ovh_cloud_project_database.analytics.service_name
  cluster_id   = data.ovh_cloud_project_database.analytics.id
  name         = "reporting"
}

output "reporting_password" {
  value     = ovh_cloud_project_database_clickhouse_user.reporting.password
  sensitive = true
}

variable "project" {
  type = string
}

variable "cluster_id" {
  type = string
}
