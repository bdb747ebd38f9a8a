variable "operators" {
  type    = set(string)
  default = ["alice", "bob"]
}

resource "openstack_compute_keypair_v2" "bastion" {
  name = "bastion-access"
}

resource "openstack_compute_keypair_v2" "operator" {
  for_each = var.operators
  name     = "operator-${each.key}"
}

resource "local_file" "bastion_pem" {
  content         = openstack_compute_keypair_v2.bastion.private_key
  filename        = "${path.module}/bastion.pem"
  file_permission = "0600"
}

output "operator_keys" {
  value     = { for name, pair in openstack_compute_keypair_v2.operator : name => pair.private_key }
  sensitive = true
}

output "alice_key" {
  value     = openstack_compute_keypair_v2.operator["alice"].private_key
  sensitive = true
}
