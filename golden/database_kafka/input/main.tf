terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "ovh_cloud_project_database" "kafka" {
  service_name          = var.service_name
  description           = "events"
  engine                = "kafka"
  version               = "3.8"
  plan                  = "business"
  flavor                = "db1-7"
  kafka_rest_api        = true
  kafka_schema_registry = true

  nodes {
    region = "GRA"
  }

  nodes {
    region = "GRA"
  }

  nodes {
    region = "GRA"
  }

  ip_restrictions {
    ip          = "10.20.0.0/16"
    description = "producers"
  }
}

resource "ovh_cloud_project_database_kafka_topic" "orders" {
  service_name        = var.service_name
  cluster_id          = ovh_cloud_project_database.kafka.id
  name                = "orders"
  partitions          = 6
  replication         = 3
  min_insync_replicas = 2
  retention_bytes     = -1
  retention_hours     = 168
}

resource "ovh_cloud_project_database_user" "producer" {
  service_name = var.service_name
  engine       = "kafka"
  cluster_id   = ovh_cloud_project_database.kafka.id
  name         = "orders-producer"
}

resource "ovh_cloud_project_database_user" "consumer" {
  service_name = var.service_name
  engine       = "kafka"
  cluster_id   = ovh_cloud_project_database.kafka.id
  name         = "orders-consumer"
}

resource "ovh_cloud_project_database_kafka_acl" "producer" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.kafka.id
  topic        = ovh_cloud_project_database_kafka_topic.orders.name
  username     = ovh_cloud_project_database_user.producer.name
  permission   = "write"
}

resource "ovh_cloud_project_database_kafka_acl" "consumer" {
  service_name = var.service_name
  cluster_id   = ovh_cloud_project_database.kafka.id
  topic        = "orders*"
  username     = ovh_cloud_project_database_user.consumer.name
  permission   = "read"
}
