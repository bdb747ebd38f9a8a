terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

# TODO(IT305): ovh_cloud_project_database.mongo (engine mongodb) is not translated: no managed MongoDB on GCP; options: MongoDB Atlas (mongodb/mongodbatlas provider) or Firestore with MongoDB compatibility (google_firestore_database database_edition = ENTERPRISE), which is not a MongoDB server

output "mongo_uri" {
  value = "TODO(IT206): ovh_cloud_project_database.mongo.endpoints[0].uri"
}
