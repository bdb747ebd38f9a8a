terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

provider "kubernetes" {
  host  = "https://k8s.example.net"
  token = "k8s-literal-token-value"
}

variable "db_password" {
  description = "Password of the application database user"
  type        = string
  sensitive   = true
  default     = "correct-horse-battery"
}

variable "password_length" {
  description = "Length of generated passwords (not a secret)"
  type        = number
  default     = 24
}

locals {
  admin_password = "hunter2-literal"
  database_url   = "postgres://app:s3cr3t-pw@db.example.net:5432/app"
  token_ttl      = "3600s"
}

resource "google_sql_user" "app" {
  name     = "app"
  instance = "main"
  password = "plain-literal-password"
}

output "database_url" {
  value = local.database_url
}

output "admin" {
  value = "mysql://root:out-pw-literal@mysql.internal/x"
}
