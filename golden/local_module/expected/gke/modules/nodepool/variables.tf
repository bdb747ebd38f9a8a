variable "flavor_name" {
  description = "Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type        = string
  default     = "n2-standard-2"
}

variable "kube_id" {
  description = "(OVH source) ID of the MKS cluster the pool belongs to"
  type        = string
}

variable "labels" {
  type    = map(string)
  default = {}
}

variable "max_nodes" {
  type    = number
  default = 3
}

variable "min_nodes" {
  type    = number
  default = 1
}

variable "name" {
  type = string

  validation {
    condition     = !strcontains(var.name, "_")
    error_message = "Node pool names cannot contain underscores."
  }
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID"
  type        = string
}

variable "taints" {
  type    = list(object({ key = string, value = string, effect = string }))
  default = []
}
