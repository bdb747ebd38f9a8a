output "x" {
  value = "other"
}
