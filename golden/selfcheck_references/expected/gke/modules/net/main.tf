variable "name" {
  type = string
}

output "network_name" {
  value = var.name
}
