"""A generated key pair read through a `for` variable is a located placeholder, never a
reference to an undeclared tls_private_key (aks read `tls_private_key.private_key_openssh`)."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_SRC = '''resource "openstack_compute_keypair_v2" "k" {
  count = 2
  name  = "k${count.index}"
}

output "keys" {
  value     = [for kp in openstack_compute_keypair_v2.k : kp.private_key]
  sensitive = true
}
'''


@pytest.mark.parametrize("target", ["aks", "eks", "scaleway"])
def test_a_for_variable_reading_the_private_key_dangles_nowhere(target: str) -> None:
    r = translate({"main.tf": _SRC}, target)
    out = "\n".join(r.files.values())
    assert 'resource "tls_private_key" "k"' in out
    assert "tls_private_key.private_key_openssh" not in out
    assert not [d for d in r.diagnostics if d.code == "IT326"]
