terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.1"
    }
  }
}

variable "service_name" {
  type = string
}

variable "user_id" {
  description = "The S3 user"
  type        = string
}

variable "policy" {
  description = "The user's S3 policy (JSON)"
  type        = string
}

resource "ovh_cloud_project_user_s3_policy" "policy" {
  service_name = var.service_name
  user_id      = var.user_id
  policy       = var.policy
}

output "id" {
  value = ovh_cloud_project_user_s3_policy.policy.id
}
