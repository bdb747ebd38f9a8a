"""AKS: a listener's `allowed_cidrs` become the source prefixes of the NSG rule opening its
members (a Standard load balancer has no allow-list), a VM behind two load balancers gets
both's rules in its one NSG, and backend pools take the VMs' private addresses."""

from __future__ import annotations

import re
from pathlib import Path

from iac_translate.compiler.api import translate

_SRC = (Path(__file__).parent.parent / "golden/lb_ovh_instances/input/main.tf").read_text()
# A second load balancer over front_a only (FRONT: its floating IP, if any).
_SECOND = '''
resource "ovh_cloud_project_loadbalancer" "admin" {
  service_name = var.service_name
  region_name  = "SBG5"
  name         = "admin-lb"
  flavor_id    = "small"
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.shop.regions_openstack_ids["SBG5"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.shop.id
      }
      FRONT
    }
  }
  listeners = [
    {
      port          = 8080
      protocol      = "tcp"
      allowed_cidrs = ["203.0.113.0/24"]
      pool = {
        protocol = "tcp"
        members = [
          {
            address       = ovh_cloud_project_instance.front_a.addresses[0].ip
            protocol_port = 8080
          }
        ]
      }
    }
  ]
}
'''


def _run(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, "aks")
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, type_: str, label: str) -> str:
    return text.split(f'resource "{type_}" "{label}" {{')[1].split("\n}")[0]


def _rule(text: str, label: str) -> str:
    return _block(text, "azurerm_network_security_rule", label)


def test_allowed_cidrs_become_the_rule_sources() -> None:
    text, diags = _run(_SRC)
    restricted = _rule(text, "shop_backends_443_tcp")
    assert re.search(r"source_address_prefixes\s+= var.office_cidrs", restricted)
    assert "source_address_prefix " not in restricted  # (no rule for the Internet)
    assert re.search(r'source_address_prefix\s+= "\*"', _rule(text, "shop_backends_80_tcp"))
    assert not [d for d in diags if "allowed_cidrs" in d]
    assert not [d for d in diags if "is closed until" in d]
    assert [d for d in diags if d.startswith("IT301") and "443 from var.office_cidrs" in d]


def test_backend_pools_hold_private_addresses() -> None:
    text, diags = _run(_SRC)
    assert "public_ip_address" not in text.split("azurerm_lb_backend_address_pool_address")[1]
    assert "ip_address              = azurerm_linux_virtual_machine.front_a." \
        "private_ip_address" in text
    assert [d for d in diags if "takes the VM's private address" in d]


def test_shared_port_open_to_all_keeps_no_allow_list() -> None:
    # (listener 443 now forwards to member port 80 too: one rule, open to all)
    src = _SRC.replace("protocol_port = 443", "protocol_port = 80")
    text, diags = _run(src)
    assert "shop_backends_443_tcp" not in text
    assert [d for d in diags if d.startswith("IT302") and "is not kept" in d]


def test_vm_behind_a_public_and_an_internal_lb_gets_both_rules() -> None:
    text, diags = _run(_SRC + _SECOND.replace("FRONT", ""))
    # front_a has one NSG (a NIC takes one), the other load balancer's rules go there,
    # limited to front_a's address so that they open nothing on that NSG's other NICs
    assocs = re.findall(r'"azurerm_network_interface_security_group_association" "(\w+)"',
                        text)
    assert sorted(assocs) == ["front_a_admin_backends", "front_b_shop_backends"]
    added = [lbl for lbl in re.findall(r'"azurerm_network_security_rule" "(\w+)"', text)
             if lbl.startswith("admin_backends_shop_")]
    assert sorted(added) == ["admin_backends_shop_443_tcp", "admin_backends_shop_80_tcp"]
    rule = _rule(text, "admin_backends_shop_443_tcp")
    assert "destination_address_prefixes = [azurerm_linux_virtual_machine.front_a." \
        "private_ip_address]" in rule
    own = _rule(text, "admin_backends_8080_tcp")
    assert 'source_address_prefixes     = ["203.0.113.0/24"]' in own
    priorities = re.findall(r"priority\s+= (\d+)", "".join(
        _rule(text, lbl) for lbl in ("admin_backends_8080_tcp", *added)))
    assert len(set(priorities)) == 3
    assert not [d for d in diags if "are closed to" in d or "is closed until" in d]
    assert not [d for d in diags if "two public" in d or "two internal" in d]
    # both pools hold front_a's address
    assert text.count("= azurerm_linux_virtual_machine.front_a.private_ip_address\n") == 3


def test_vm_behind_two_public_lbs_is_reported() -> None:
    _, diags = _run(_SRC + _SECOND.replace("FRONT", "floating_ip_create = {}"))
    two = [d for d in diags if d.startswith("IT308") and "two public load balancers" in d]
    assert len(two) == 1 and "ovh_cloud_project_instance.front_a" in two[0]
