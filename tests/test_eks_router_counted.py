"""A router's egress addresses read per instance when the router (or its NAT gateway) repeats."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_ROUTERS = '''
resource "openstack_networking_network_v2" "lan" {
  count = 2
  name  = "lan-${count.index}"
}

resource "openstack_networking_subnet_v2" "lan" {
  count      = 2
  network_id = openstack_networking_network_v2.lan[count.index].id
  cidr       = "10.0.${count.index}.0/24"
}

resource "openstack_networking_router_v2" "r" {
  count = 2
  name  = "r-${count.index}"
}

resource "openstack_networking_router_interface_v2" "lan" {
  count     = 2
  router_id = openstack_networking_router_v2.r[count.index].id
  subnet_id = openstack_networking_subnet_v2.lan[count.index].id
}

output "ips0" {
  value = openstack_networking_router_v2.r[0].external_fixed_ip[*].ip_address
}

output "all" {
  value = [for r in openstack_networking_router_v2.r : r.external_fixed_ip[*].ip_address]
}
'''


def _it381(target: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": _ROUTERS}, target)
    return r.files["main.tf"], [d.message for d in r.diagnostics if d.code == "IT381"]


def test_eks_lists_the_elastic_ips_of_the_instance_read() -> None:
    # Before: [aws_eip.r.public_ip, aws_eip.r_b.public_ip] (IT381: aws_eip.r is counted).
    text, said = _it381("eks")
    assert "value = [aws_eip.r[0].public_ip, aws_eip.r_b[0].public_ip]" in text, text
    assert "[for k, r in aws_nat_gateway.r : [aws_eip.r[k].public_ip, " \
        "aws_eip.r_b[k].public_ip]]" in text, text
    assert not said, said


def test_aks_and_scaleway_read_the_public_ip_of_the_instance_read() -> None:
    for target, ip in (("aks", "azurerm_public_ip.r[0].ip_address"),
                       ("scaleway", "scaleway_vpc_public_gateway_ip.r[0].address")):
        text, said = _it381(target)
        assert f"value = [{ip}]" in text, (target, text)
        assert not said, (target, said)
