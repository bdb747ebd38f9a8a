terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.50" }
  }
}

provider "google" {
  project = var.gcp_project_id
  region  = "europe-west1"
}

variable "service_name" {
  description = "(OVH source) OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "google_managed_kafka_cluster" "kafka" {
  cluster_id = "kafka"
  location   = "europe-west1"

  capacity_config {
    vcpu_count   = 6
    memory_bytes = 22548578304
  }
  gcp_config {
    access_config {
      network_configs {
        subnet = "TODO(IT308): subnetwork id for the Kafka brokers"
      }
    }
  }
}

resource "google_managed_kafka_topic" "orders" {
  topic_id           = "orders"
  cluster            = google_managed_kafka_cluster.kafka.cluster_id
  location           = google_managed_kafka_cluster.kafka.location
  partition_count    = 6
  replication_factor = 3
  configs = {
    "retention.ms"        = tostring(168 * 3600000)
    "retention.bytes"     = tostring(-1)
    "min.insync.replicas" = tostring(2)
  }
}
