variable "name_prefix" {
  type = string
}

variable "region" {
  description = "(OVH source) Object storage location code (GRA, SBG, ...). Takes a GCP region (e.g. europe-west1) (translated from OVHcloud)."
  type        = string
}

variable "retention_days" {
  description = "Object lock retention for log archives, in days"
  type        = number
  default     = 30
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID"
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
