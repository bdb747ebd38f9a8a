variable "service_name" {
  type = string
}

output "project" {
  value = var.service_name
}
