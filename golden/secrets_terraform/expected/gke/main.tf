terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
}

provider "kubernetes" {
  host  = "https://k8s.example.net"
  token = var.kubernetes_token
}

variable "db_password" {
  description = "Password of the application database user"
  type        = string
  sensitive   = true
}

variable "password_length" {
  description = "Length of generated passwords (not a secret)"
  type        = number
  default     = 24
}

locals {
  admin_password = var.admin_password
  database_url   = var.database_url
  token_ttl      = "3600s"
}

resource "google_sql_user" "app" {
  name     = "app"
  instance = "main"
  password = var.app_password
}

output "admin" {
  value     = var.output_admin
  sensitive = true
}

output "database_url" {
  value     = local.database_url
  sensitive = true
}
