variable "stage" {
  type    = string
  default = "qa"
}

variable "operator_key" {
  type = string
}

resource "openstack_compute_keypair_v2" "operator" {
  name       = "${var.stage}-operator"
  public_key = var.operator_key
}

resource "openstack_compute_instance_v2" "broker" {
  count       = 2
  name        = "${var.stage}-broker-${count.index}"
  region      = "GRA11"
  image_name  = "Ubuntu 24.04"
  flavor_name = "b3-8"
  key_pair    = openstack_compute_keypair_v2.operator.name

  network {
    name = "Ext-Net"
  }
}
