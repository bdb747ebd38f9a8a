variable "service_name" {
  type = string
}

variable "valkey_version" {
  type    = string
  default = "8.0"
}

variable "valkey_flavor" {
  type = string
}

variable "valkey_nodes" {
  type = list(object({
    region     = string
    network_id = optional(string)
    subnet_id  = optional(string)
  }))
}
