variable "keys_dir" {
  type    = string
  default = "./keys"
}

resource "openstack_compute_keypair_v2" "operator" {
  region = "GRA9"
  name   = "operator"
}

resource "openstack_compute_keypair_v2" "runner" {
  count  = 2
  region = "GRA9"
  name   = "runner-${count.index}"
}

resource "local_file" "operator_key" {
  content         = openstack_compute_keypair_v2.operator.private_key
  filename        = "${var.keys_dir}/operator_rsa"
  file_permission = "0600"
}

output "runner_private_keys" {
  value     = openstack_compute_keypair_v2.runner[*].private_key
  sensitive = true
}

output "first_runner_key" {
  value     = openstack_compute_keypair_v2.runner[0].private_key
  sensitive = true
}
