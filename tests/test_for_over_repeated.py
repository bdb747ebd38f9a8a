"""References that name no instance of something the translation repeats: a for expression over
a repeated resource reads the for's key, a router made per VPC is read as all its instances."""

from __future__ import annotations

from iac_translate.compiler.api import Result as TranslateResult
from iac_translate.compiler.api import translate
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.tfbase import refs

_SERVER = '''
resource "ovh_cloud_project_instance" "web" {
  REPEAT
  service_name   = "p"
  region         = "GRA11"
  name           = "web"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    public = true
  }
  ssh_key {
    name = "k"
  }
}
'''


def _it381(r: TranslateResult) -> list[str]:
    return [d.message for d in r.diagnostics if d.code == "IT381"]


def test_a_for_over_counted_servers_reads_each_servers_ip_by_the_for_key() -> None:
    # Before: [for i in scaleway_instance_server.web :
    #          scaleway_instance_ip.web_public[count.index].address] (IT381).
    src = _SERVER.replace("REPEAT", "count = 2") + '''
output "all_ips" {
  value = [for i in ovh_cloud_project_instance.web : i.addresses[0].ip]
}
'''
    r = translate({"main.tf": src}, "scaleway")
    text = r.files["main.tf"]
    assert "[for k, i in scaleway_instance_server.web : " \
        "scaleway_instance_ip.web_public[k].address]" in text, text
    assert not _it381(r), _it381(r)


def test_a_for_over_servers_by_name_keeps_its_own_key_variable() -> None:
    src = _SERVER.replace("REPEAT", 'for_each = toset(["a", "b"])') + '''
output "ips" {
  value = { for name, i in ovh_cloud_project_instance.web : name => i.addresses[0].ip }
}
'''
    r = translate({"main.tf": src}, "scaleway")
    text = r.files["main.tf"]
    assert "{ for name, i in scaleway_instance_server.web : " \
        "name => scaleway_instance_ip.web_public[name].address }" in text, text
    assert not _it381(r), _it381(r)


def test_a_key_variable_is_not_added_where_the_value_needs_none() -> None:
    src = _SERVER.replace("REPEAT", "count = 2") + '''
output "ids" {
  value = [for i in ovh_cloud_project_instance.web : i.id]
}
'''
    text = translate({"main.tf": src}, "scaleway").files["main.tf"]
    assert "[for i in scaleway_instance_server.web : i.id]" in text, text


def test_a_rule_writes_the_key_it_is_given_for_the_instance() -> None:
    target = refs.RefTarget("x.web", {"ip": "x_ip.web{keys:[count.index]}.address"})
    got = refs.apply(target, E.Var("i"), [("attr", "ip")], "[k]")
    assert got is not None and to_hcl(got) == "x_ip.web[k].address"
    head = E.Index(E.ref("x.web"), E.Literal(1, "1"))
    one = refs.apply(target, head, [("attr", "ip")], "[k]")
    assert one is not None and to_hcl(one) == "x_ip.web[1].address"  # (written: kept)


_SPOKE = '''
resource "openstack_networking_network_v2" "lans" {
  for_each = NETWORKS
  name     = "lan-${each.key}"
}

resource "openstack_networking_subnet_v2" "lans" {
  for_each   = NETWORKS
  network_id = openstack_networking_network_v2.lans[each.key].id
  cidr       = each.value
}

resource "openstack_networking_router_v2" "spoke" {
  name = "spoke-router"
}

resource "openstack_networking_router_interface_v2" "lans" {
  for_each  = NETWORKS
  router_id = openstack_networking_router_v2.spoke.id
  subnet_id = openstack_networking_subnet_v2.lans[each.key].id
}

output "router_id" {
  value = openstack_networking_router_v2.spoke.id
}
'''

_ROUTER = {"gke": "google_compute_router", "eks": "aws_nat_gateway"}


def test_a_router_made_per_vpc_is_read_as_a_map_with_a_warning() -> None:
    # Before: google_compute_router.spoke.id / aws_nat_gateway.spoke.id (IT381).
    src = _SPOKE.replace("NETWORKS", "var.networks") + 'variable "networks" {\n' \
        '  type = map(string)\n}\n'
    for target, type_ in _ROUTER.items():
        r = translate({"main.tf": src}, target)
        text = r.files["main.tf"]
        assert f"value = {{ for k, r in {type_}.spoke : k => r.id }}" in text, (target, text)
        assert not _it381(r), (target, _it381(r))
        said = [d for d in r.diagnostics if d.code == "IT301" and "map" in d.message and
                "openstack_networking_router_v2.spoke.id" in d.message]
        assert said, (target, [d.message for d in r.diagnostics])


def test_a_router_made_per_vpc_of_one_literal_key_reads_that_instance() -> None:
    src = _SPOKE.replace("NETWORKS", '{ app = "10.0.0.0/24" }')
    for target, type_ in _ROUTER.items():
        r = translate({"main.tf": src}, target)
        text = r.files["main.tf"]
        assert f'value = {type_}.spoke["app"].id' in text, (target, text)
        assert not _it381(r), (target, _it381(r))


def test_a_for_over_values_of_servers_by_name_reads_each_servers_ip_by_its_key() -> None:
    # Before: [for i in values(scaleway_instance_server.web) : i.addresses[0].ip] (the for
    # variable not rewritten at all, on every target).
    src = _SERVER.replace("REPEAT", 'for_each = toset(["a", "b"])') + '''
output "ips" {
  value = [for i in values(ovh_cloud_project_instance.web) : i.addresses[0].ip]
}
'''
    r = translate({"main.tf": src}, "scaleway")
    assert "[for k, i in scaleway_instance_server.web : " \
        "scaleway_instance_ip.web_public[k].address]" in r.files["main.tf"], r.files["main.tf"]
    assert not _it381(r), _it381(r)
    eks = translate({"main.tf": src}, "eks").files["main.tf"]
    assert "[for i in aws_instance.web : i.public_ip]" in eks, eks


def test_a_for_over_values_by_position_reads_the_key_at_that_position() -> None:
    src = _SERVER.replace("REPEAT", 'for_each = toset(["a", "b"])') + '''
output "ips" {
  value = { for n, i in values(ovh_cloud_project_instance.web) : n => i.addresses[0].ip }
}
'''
    r = translate({"main.tf": src}, "scaleway")
    assert "{ for n, i in values(scaleway_instance_server.web) : n => " \
        "scaleway_instance_ip.web_public[keys(scaleway_instance_server.web)[n]].address }" \
        in r.files["main.tf"], r.files["main.tf"]
    assert not _it381(r), _it381(r)


def test_a_for_over_part_of_one_instance_reads_that_instance() -> None:
    # Before: "TODO(IT206): a.ip" (the instance's rules applied to an element of its part).
    src = _SERVER.replace("REPEAT", "count = 2") + '''
output "first" {
  value = [for a in ovh_cloud_project_instance.web[1].addresses : a.ip]
}
'''
    for target, want in (("scaleway", "scaleway_instance_ip.web_public[1].address]"),
                         ("aks", "azurerm_linux_virtual_machine.web[1].public_ip_address]")):
        r = translate({"main.tf": src}, target)
        assert want in r.files["main.tf"], (target, r.files["main.tf"])
        assert "TODO(IT206): a.ip" not in r.files["main.tf"]
        assert not _it381(r), (target, _it381(r))


def test_a_resource_reading_a_router_made_per_vpc_is_told_at_the_source() -> None:
    src = _SPOKE.replace("NETWORKS", "var.networks") + 'variable "networks" {\n' \
        '  type = map(string)\n}\n' + '''
resource "terraform_data" "note" {
  input = openstack_networking_router_v2.spoke.id
}
'''
    for target in _ROUTER:
        r = translate({"main.tf": src}, target)
        said = _it381(r)
        assert len(said) == 1 and "per instance of openstack_networking_router_interface_v2" \
            ".lans" in said[0] and "the source writes it once" in said[0], (target, said)


def test_a_resource_reading_a_router_made_per_vpc_of_one_key_reads_it() -> None:
    src = _SPOKE.replace("NETWORKS", '{ app = "10.0.0.0/24" }') + '''
resource "terraform_data" "note" {
  input = openstack_networking_router_v2.spoke.id
}
'''
    for target, type_ in _ROUTER.items():
        r = translate({"main.tf": src}, target)
        assert f'input = {type_}.spoke["app"].id' in r.files["main.tf"], (target, r.files)
        assert not _it381(r), (target, _it381(r))
