terraform {
  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 3.0"
    }
  }
}

resource "openstack_compute_instance_v2" "indexer" {
  name        = "indexer"
  region      = "DE1"
  flavor_name = "b3-16"
  image_name  = "Debian 12"
}

resource "openstack_blockstorage_volume_v3" "index_store" {
  name   = "index-store"
  region = "DE1"
  size   = 300
}

resource "openstack_compute_volume_attach_v2" "index_store" {
  instance_id = openstack_compute_instance_v2.indexer.id
  volume_id   = openstack_blockstorage_volume_v3.index_store.id
}
