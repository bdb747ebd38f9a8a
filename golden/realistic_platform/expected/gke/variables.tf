variable "admin_cidrs" {
  description = "Office / VPN ranges allowed to reach the Kubernetes API"
  type        = list(string)
  default     = ["203.0.113.0/24"]
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

variable "gpu_max_nodes" {
  type    = number
  default = 2
}

variable "kube_version" {
  type    = string
  default = "1.31"
}

variable "node_flavors" {
  description = "General-purpose node pools keyed by pool name. Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type        = map(object({ flavor = string, min_nodes = number, max_nodes = number }))
  default = {
    system = { flavor = "n2-standard-2", min_nodes = 2, max_nodes = 3 }
    apps   = { flavor = "n2-standard-8", min_nodes = 3, max_nodes = 10 }
  }
}

variable "private_cidr" {
  type    = string
  default = "10.42.0.0/16"
}

variable "project_id" {
  description = "(OVH source) OVHcloud Public Cloud project ID (service_name)"
  type        = string
}

variable "region" {
  description = "(OVH source) OpenStack region for the cluster, network and gateway. Takes a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = string
  default     = "europe-west1"
}

variable "registry_plan" {
  type    = string
  default = "MEDIUM"
}
