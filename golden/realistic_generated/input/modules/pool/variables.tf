variable "service_name" {
  type = string
}

variable "kube_id" {
  type = string
}

variable "name" {
  type = string
}

variable "flavor_name" {
  type    = string
  default = "b3-8"
}

variable "min_nodes" {
  type    = number
  default = 1
}

variable "max_nodes" {
  type    = number
  default = 3
}

variable "labels" {
  type    = map(string)
  default = {}
}

variable "taints" {
  type    = list(map(string))
  default = []
}
