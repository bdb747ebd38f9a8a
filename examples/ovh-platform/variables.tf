variable "project_id" {
  description = "OVHcloud Public Cloud project ID (service_name)"
  type        = string
}

variable "region" {
  description = "OpenStack region for the cluster, network and gateway"
  type        = string
  default     = "GRA11"
}

variable "environment" {
  description = "Environment name, used as a prefix"
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "kube_version" {
  type    = string
  default = "1.35"
}

variable "node_flavors" {
  description = "General-purpose node pools keyed by pool name"
  type = map(object({
    flavor    = string
    min_nodes = number
    max_nodes = number
  }))
  default = {
    system = {
      flavor    = "b3-8"
      min_nodes = 2
      max_nodes = 3
    }
    apps = {
      flavor    = "b3-32"
      min_nodes = 3
      max_nodes = 10
    }
  }
}

variable "gpu_max_nodes" {
  type    = number
  default = 2
}

variable "admin_cidrs" {
  description = "Office / VPN ranges allowed to reach the Kubernetes API"
  type        = list(string)
  default     = ["203.0.113.0/24"]
}

variable "private_cidr" {
  type    = string
  default = "10.42.0.0/16"
}

variable "registry_plan" {
  type    = string
  default = "MEDIUM"
}
