"""AKS: the VMs behind a Standard load balancer get an NSG opening the members' port (a NIC
with no NSG admits nothing from it), or a warning says they are closed."""

from __future__ import annotations

from iac_translate.compiler.api import translate
from test_eks_lb_members import _SRC
from test_eks_lb_reach import _GROUP, _WEB_GROUPS

_PUBLIC = '''
resource "openstack_networking_floatingip_v2" "vip" {
  pool = "Ext-Net"
}
resource "openstack_networking_floatingip_associate_v2" "vip" {
  floating_ip = openstack_networking_floatingip_v2.vip.address
  port_id     = openstack_lb_loadbalancer_v2.lb.vip_port_id
}
'''


def _run(web_meta: str, member_meta: str = "", key: str = "",
         extra: str = "") -> tuple[str, list[str]]:
    src = _SRC % {"web_meta": web_meta, "member_meta": member_meta, "key": key,
                  "delay": "15"} + extra
    r = translate({"main.tf": src}, "aks")
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics]


def test_counted_vms_without_groups_get_an_nsg() -> None:
    text, diags = _run("count = 2", "count = 2", "[count.index]")
    assert 'resource "azurerm_network_security_group" "lb_backends"' in text
    assert 'resource "azurerm_network_security_rule" "lb_backends_80_tcp"' in text
    assert 'destination_port_range      = "80"' in text
    assert "network_security_group_name = azurerm_network_security_group.lb_backends.name" \
        in text
    assoc = text.split('"azurerm_network_interface_security_group_association" '
                       '"web_lb_backends" {')[1].split("}")[0]
    assert "count                     = 2" in assoc
    assert "network_interface_id      = azurerm_network_interface.web[count.index].id" in assoc
    assert [d for d in diags if d.startswith("IT301") and "lb_backends" in d]


def test_vm_with_its_own_groups_is_reported_not_opened() -> None:
    text, diags = _run(_WEB_GROUPS, extra=_GROUP % (443, 443))
    assert "lb_backends" not in text
    assert [d for d in diags if d.startswith("IT308") and "backends of "
            "openstack_lb_loadbalancer_v2.lb are closed" in d]


def test_public_frontend_with_opened_backends_is_not_called_closed() -> None:
    text, diags = _run("", extra=_PUBLIC)
    assert 'resource "azurerm_network_security_group" "lb_backends"' in text
    assert not [d for d in diags if "is closed until a network security group" in d]
