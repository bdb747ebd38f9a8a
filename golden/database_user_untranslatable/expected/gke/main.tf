variable "cluster_id" {
  type = string
}

variable "project" {
  type = string
}

# TODO(IT305): data.ovh_cloud_project_database.analytics (engine clickhouse) is not translated: no managed ClickHouse on GCP

output "reporting_password" {
  value     = "TODO(IT206): ovh_cloud_project_database_clickhouse_user.reporting.password"
  sensitive = true
}
