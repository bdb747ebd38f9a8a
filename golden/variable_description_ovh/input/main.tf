variable "worker_flavor" {
  description = "Instance type of the workers, e.g. b2-7 for tests"
  type        = string
  default     = "b3-8"
}

variable "backup_site" {
  description = "Second site for backups (SBG5 by default)"
  type        = string
  default     = "sbg"
}

variable "office_ranges" {
  description = "UK office ranges allowed to reach the API"
  type        = list(string)
  default     = ["203.0.113.0/24"]
}

output "office_ranges" {
  value = var.office_ranges
}
