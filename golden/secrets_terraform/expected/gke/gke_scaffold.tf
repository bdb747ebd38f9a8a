# scaffolding: a literal credential of `admin_password` of locals was removed by iac-translate
variable "admin_password" {
  description = "Credential for `admin_password` of locals (set TF_VAR_admin_password)"
  type        = string
  sensitive   = true
}

# scaffolding: a literal credential of `password` of resource `google_sql_user.app` was removed by iac-translate
variable "app_password" {
  description = "Credential for `password` of resource `google_sql_user.app` (set TF_VAR_app_password)"
  type        = string
  sensitive   = true
}

# scaffolding: a literal credential of `database_url` of locals was removed by iac-translate
variable "database_url" {
  description = "Credential for `database_url` of locals (set TF_VAR_database_url)"
  type        = string
  sensitive   = true
}

# scaffolding: the GCP project that replaces the OVH Public Cloud project
variable "gcp_project_id" {
  type        = string
  description = "GCP project id"
}

# scaffolding: a literal credential of `token` of provider `kubernetes` was removed by iac-translate
variable "kubernetes_token" {
  description = "Credential for `token` of provider `kubernetes` (set TF_VAR_kubernetes_token)"
  type        = string
  sensitive   = true
}

# scaffolding: a literal credential of output `admin` was removed by iac-translate
variable "output_admin" {
  description = "Credential for output `admin` (set TF_VAR_output_admin)"
  type        = string
  sensitive   = true
}
