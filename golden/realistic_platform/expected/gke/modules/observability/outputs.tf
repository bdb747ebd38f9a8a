output "bucket_endpoint" {
  value = "${google_storage_bucket.logs.name}.storage.googleapis.com"
}

output "bucket_name" {
  value = google_storage_bucket.logs.name
}
