"""OpenStack ports and floating-IP associations are a server's interface on every target."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.api import translate

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "openstack_port_floating_ip"


def _source(ip: str) -> dict[str, str]:
    text = (GOLDEN / "input" / "main.tf").read_text(encoding="utf-8")
    return {"main.tf": text.replace('"10.10.0.140"', f'"{ip}"')}


def _block(text: str, head: str) -> str:
    start = text.index(head)
    return text[start:text.index("\n}\n", start)]


@pytest.mark.parametrize("ip,subnet", [("10.10.0.10", "app_a"), ("10.10.0.70", "app_b")])
def test_eks_places_a_fixed_address_in_the_subnet_holding_it(ip: str, subnet: str) -> None:
    r = translate(_source(ip), "eks")
    vm = _block(r.files["main.tf"], 'resource "aws_instance" "web"')
    assert f"subnet_id              = aws_subnet.{subnet}.id" in vm
    assert f'private_ip             = "{ip}"' in vm


def test_eks_leaves_out_an_address_no_private_subnet_holds() -> None:
    r = translate(_source("10.10.0.140"), "eks")
    vm = _block(r.files["main.tf"], 'resource "aws_instance" "web"')
    assert "private_ip" not in vm
    assert any(d.code == "IT301" and "fixed address" in d.message for d in r.diagnostics)


@pytest.mark.parametrize("target,nat", [
    ("gke", "nat_ip = google_compute_address.web.address"),
    ("eks", "allocation_id = aws_eip.web.id"),
    ("aks", "public_ip_address_id          = azurerm_public_ip.web.id"),
    ("scaleway", "ip_id             = scaleway_instance_ip.web.id"),
])
def test_the_associated_floating_ip_is_the_public_address(target: str, nat: str) -> None:
    r = translate(_source("10.10.0.10"), target)
    assert nat in "".join(r.files.values())
    folded = {d.message.split()[0] for d in r.diagnostics if d.code == "IT310"}
    assert {"openstack_networking_port_v2.web", "openstack_networking_floatingip_associate_v2.web",
            "openstack_compute_floatingip_associate_v2.bastion"} <= folded
    # a port no server is attached through is still a decision for a human
    assert [d.message.split()[0] for d in r.diagnostics if d.code == "IT305"] == \
        ["openstack_networking_port_v2.spare"]


def test_a_server_without_port_or_association_is_unchanged() -> None:
    src = _source("10.10.0.10")["main.tf"]
    src = src[:src.index('resource "openstack_compute_floatingip_associate_v2"')]
    r = translate({"main.tf": src}, "gke")
    vm = _block(r.files["main.tf"], 'resource "google_compute_instance" "bastion"')
    assert "nat_ip" not in vm


def test_only_what_the_interface_takes_is_folded() -> None:
    src = _source("10.10.0.10")["main.tf"]
    src = src.replace('''  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.app.id
    ip_address = "10.10.0.10"
  }
''', '''  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.app.id
    ip_address = "10.10.0.10"
  }
  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.app.id
    ip_address = "10.10.0.11"
  }
''') + '''
resource "openstack_compute_floatingip_associate_v2" "web_second" {
  floating_ip = openstack_networking_floatingip_v2.bastion.address
  instance_id = openstack_compute_instance_v2.web.id
}
'''
    r = translate({"main.tf": src}, "gke")
    # one address on the interface: a second association is still a decision, and so is
    # a second fixed address of the port
    assert "openstack_compute_floatingip_associate_v2.web_second" in \
        [d.message.split()[0] for d in r.diagnostics if d.code == "IT305"]
    assert any(d.code == "IT302" and "fixed_ip blocks" in d.message for d in r.diagnostics)
