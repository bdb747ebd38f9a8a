variable "admin_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/24", "198.51.100.0/24"]
}

variable "batch_pool_count" {
  type    = number
  default = 2
}

variable "db_allowed_networks" {
  type = list(object({ cidr = string, description = string }))
  default = [
    { cidr = "203.0.113.0/24", description = "office" },
    { cidr = "198.51.100.0/24", description = "vpn" },
  ]
}

variable "environment" {
  type    = string
  default = "prod"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "extra_labels" {
  type    = map(string)
  default = {}
}

variable "kube_version" {
  type    = string
  default = "1.31"
}

variable "node_pools" {
  description = "Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type        = map(object({ flavor = string, min = number, max = number }))
  default = {
    web    = { flavor = "n2-standard-2", min = 2, max = 6 }
    worker = { flavor = "c3-highcpu-8", min = 1, max = 4 }
    memory = { flavor = "n2-highmem-4", min = 1, max = 2 }
  }
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID"
  type        = string
}
