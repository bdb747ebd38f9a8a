variable "flavor_name" {
  description = "Takes a GCP machine type (e.g. e2-standard-4) (translated from OVHcloud)."
  type        = string
  default     = "n2-standard-2"
}

variable "kube_id" {
  type = string
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
}

variable "service_name" {
  type = string
}

variable "taints" {
  type    = list(map(string))
  default = []
}
