"""OVH gateways, interfaces and floating IPs (targets/tfbase/gateway_family.py) on scaleway
and aks: one walk of the source, each cloud's types and words as data."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate
from iac_translate.targets.aks import gateway as AKS
from iac_translate.targets.scaleway import gateway as SCW

SUBNETS = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "app"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "a" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.1.0.0/24"
  start        = "10.1.0.10"
  end          = "10.1.0.200"
}
resource "ovh_cloud_project_network_private_subnet" "b" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.2.0.0/24"
  start        = "10.2.0.10"
  end          = "10.2.0.200"
}
'''
GW = '''
resource "ovh_cloud_project_gateway" "gw" {
  service_name = "x"
  name         = "edge"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net.id
%s}
'''
FAMILIES = {"scaleway": SCW, "aks": AKS}


def _run(target: str, src: str) -> tuple[str, list[tuple[str, str, str]]]:
    r = translate({"main.tf": src}, target)
    return "\n".join(r.files.values()), [(d.code, d.message, d.hint) for d in r.diagnostics]


@pytest.mark.parametrize("target", FAMILIES)
def test_each_named_subnet_is_attached_in_order(target: str) -> None:
    w = FAMILIES[target].W
    src = SUBNETS + GW % ('  subnet_ids = [ovh_cloud_project_network_private_subnet.a.id,\n'
                          '                ovh_cloud_project_network_private_subnet.b.id]\n')
    out, diags = _run(target, src)
    for label, subnet in (("gw", "a"), ("gw_1", "b")):
        block = out[out.index(f'resource "{w.attach}" "{label}"'):].split("}")[0]
        assert f".{subnet}.id" in block and f"{w.gateway}.gw.id" in block
    assert not [d for d in diags if d[0] == "IT308"]


@pytest.mark.parametrize("target", FAMILIES)
def test_a_gateway_without_subnet_says_what_to_add(target: str) -> None:
    w = FAMILIES[target].W
    _, diags = _run(target, SUBNETS + GW % "")
    [(_, msg, hint)] = [d for d in diags if d[0] == "IT308"]
    assert msg == (f"ovh_cloud_project_gateway.gw names no subnet: no {w.network} "
                   f"{w.joined}")
    assert hint == f"add a {w.attach} per {w.network} it serves"


@pytest.mark.parametrize("target", FAMILIES)
def test_an_interface_reaching_outside_the_module_is_not_translated(target: str) -> None:
    w = FAMILIES[target].W
    src = SUBNETS + '''
variable "gw" {
  type = string
}
resource "ovh_cloud_project_gateway_interface" "i" {
  service_name = "x"
  region       = "GRA11"
  id           = var.gw
  subnet_id    = ovh_cloud_project_network_private_subnet.b.id
}
'''
    out, diags = _run(target, src)
    [(_, msg, hint)] = [d for d in diags if d[0] == "IT338"]
    assert msg.startswith("ovh_cloud_project_gateway_interface.i is not translated")
    assert hint == f"add a {w.attach} {w.attach_help}"
    assert f'resource "{w.attach}" "i"' not in out


@pytest.mark.parametrize("target", FAMILIES)
def test_the_interface_attaching_a_subnet_is_found(target: str) -> None:
    w = FAMILIES[target].W
    src = SUBNETS + GW % "  subnet_id = ovh_cloud_project_network_private_subnet.a.id\n" + '''
resource "ovh_cloud_project_gateway_interface" "i" {
  service_name = "x"
  region       = "GRA11"
  id           = ovh_cloud_project_gateway.gw.id
  subnet_id    = ovh_cloud_project_network_private_subnet.b.id
}
'''
    out, diags = _run(target, src)
    block = out[out.index(f'resource "{w.attach}" "i"'):]
    assert f"{w.gateway}.gw.id" in block.split("}")[0]
    assert not [d for d in diags if d[0] in ("IT308", "IT338")]


@pytest.mark.parametrize("target", FAMILIES)
def test_a_floating_ip_becomes_the_clouds_address(target: str) -> None:
    f = FAMILIES[target].FLOATING
    out, diags = _run(target, 'resource "ovh_cloud_floating_ip" "ip" {\n  service_name = "x"\n'
                      '  region = "GRA11"\n  description = "d"\n}\n')
    assert f'resource "{f.type}" "ip"' in out
    assert ("IT301", f"ovh_cloud_floating_ip.ip becomes {f.becomes}", f.becomes_help) in diags
    assert any(d[0] != "IT301" and f.no_description in d[1] + d[2] for d in diags)
