"""AKS Flexible Servers on OVH networks whose delegated subnet is not a literal range beside
them (computed ranges, a child module, a remote state): a subnet id that plans, never a TODO."""

from __future__ import annotations

import re

from iac_translate.compiler.api import Result, TranslateOptions, translate

TODO = "TODO(IT308): a subnet delegated"


def _db(name: str, network: str, engine: str = "postgresql") -> str:
    return f'''
resource "ovh_cloud_project_database" "{name}" {{
  service_name = var.project
  engine       = "{engine}"
  version      = "{16 if engine == "postgresql" else 8}"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {{
    region     = "GRA"
    network_id = {network}
  }}
}}
'''


def _net(ranges: list[str], regions: str = '["GRA11"]') -> str:
    out = f'''
variable "project" {{
  type = string
}}
variable "base" {{
  type    = string
  default = "10.30.0.0/16"
}}
resource "ovh_cloud_project_network_private" "n" {{
  service_name = var.project
  name         = "n"
  regions      = {regions}
}}
'''
    for i, r in enumerate(ranges):
        out += f'''
resource "ovh_cloud_project_network_private_subnet" "s{i}" {{
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "GRA11"
  network      = {r}
  start        = cidrhost({r}, 2)
  end          = cidrhost({r}, 100)
}}
'''
    return out


NET_ID = 'ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]'


def _run(files: dict[str, str]) -> tuple[Result, dict[str, str]]:
    result = translate(files, "aks", TranslateOptions())
    text = {k: " ".join(v.split()) for k, v in result.files.items()}
    assert not any(TODO in v for v in text.values()), "a TODO delegated_subnet_id fails plan"
    return result, text


def _codes(result: Result, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


def test_cidrsubnet_siblings_get_the_first_free_block() -> None:
    result, text = _run({"main.tf": _net(["cidrsubnet(var.base, 8, 0)",
                                          "cidrsubnet(var.base, 8, 1)"]) + _db("pg", NET_ID)})
    main = text["main.tf"]
    assert 'resource "azurerm_subnet" "pg_delegated"' in main
    assert "address_prefixes = [cidrsubnet(var.base, 8, 2)]" in main
    assert "Microsoft.DBforPostgreSQL/flexibleServers" in main
    assert "delegated_subnet_id = azurerm_subnet.pg_delegated.id" in main
    space = re.search(r'resource "azurerm_virtual_network" "n" \{.*?address_space = \[(.*?)\]',
                      main)
    assert space is not None and "cidrsubnet(var.base, 8, 2)" in space.group(1)
    assert any("pg_delegated" in m for m in _codes(result, "IT301"))


def test_mixed_sizes_skip_every_block_taken() -> None:
    # a /20 (netnum 0 of 4 bits) holds /24 netnums 0-15; netnum 16 of 8 bits is taken too
    _, text = _run({"main.tf": _net(["cidrsubnet(var.base, 4, 0)",
                                     "cidrsubnet(var.base, 8, 16)"]) + _db("pg", NET_ID)})
    assert "address_prefixes = [cidrsubnet(var.base, 8, 17)]" in text["main.tf"]


def test_a_range_from_a_variable_asks_for_the_delegated_range() -> None:
    # (the default 10.30.0.0/16 is no literal: a literal 10.30.1.0/24 was written before,
    # outside the VNet's address space [var.base] and overlapping once var.base is set)
    result, text = _run({"main.tf": _net(["var.base"]) + _db("my", NET_ID, "mysql")})
    main, scaffold = text["main.tf"], text["aks_scaffold.tf"]
    assert "10.30.1.0/24" not in main
    assert "address_prefixes = [var.my_delegated_cidr]" in main
    assert "address_space = [var.base, var.my_delegated_cidr]" in main
    var = re.search(r'variable "my_delegated_cidr" \{(.*?)\}', scaffold)
    assert var is not None and "type = string" in var.group(1) and "default" not in var.group(1)
    assert "/29 at least" in var.group(1)
    assert any("var.my_delegated_cidr" in m for m in _codes(result, "IT308"))


def test_a_network_of_two_regions_reads_a_subnet_id_variable() -> None:
    result, text = _run({"main.tf": _net(['"10.1.0.0/24"'], '["GRA11", "SBG5"]') +
                         _db("pg", NET_ID)})
    assert "delegated_subnet_id = var.pg_delegated_subnet_id" in text["main.tf"]
    assert 'variable "pg_delegated_subnet_id"' in text["aks_scaffold.tf"]
    assert any("spans regions" in m for m in _codes(result, "IT308"))


_CHILD = '''
variable "project" {
  type = string
}
variable "network_id" {
  type = string
}
''' + _db("orders", "var.network_id")


def _call(name: str, network: str) -> str:
    return f'''
module "{name}" {{
  source     = "./modules/db"
  project    = var.project
  network_id = {network}
}}
'''


def test_a_network_handed_to_a_child_gets_its_subnet_in_the_caller() -> None:
    result, text = _run({"main.tf": _net(['"10.40.0.0/24"']) + _call("db", NET_ID),
                         "modules/db/main.tf": _CHILD})
    main, child = text["main.tf"], text["modules/db/main.tf"]
    assert 'resource "azurerm_subnet" "db_orders_delegated"' in main
    assert 'address_prefixes = ["10.40.1.0/24"]' in main
    assert 'address_space = ["10.40.0.0/23"]' in main
    assert "orders_delegated_subnet_id = azurerm_subnet.db_orders_delegated.id" in main
    assert "delegated_subnet_id = var.orders_delegated_subnet_id" in child
    assert "virtual_network_id = var.network_id" in child
    assert 'variable "orders_delegated_subnet_id"' in text["modules/db/aks_scaffold.tf"]
    assert not any("orders" in m and "private network" in m for m in _codes(result, "IT308"))


def test_a_network_from_a_root_variable_is_threaded_up_to_the_root() -> None:
    root = 'variable "project" {\n  type = string\n}\nvariable "net" {\n  type = string\n}\n'
    result, text = _run({"main.tf": root + _call("a", "var.net") + _call("b", "var.net"),
                         "modules/db/main.tf": _CHILD})
    main, scaffold = text["main.tf"], text["aks_scaffold.tf"]
    for call in ("a", "b"):
        assert f"orders_delegated_subnet_id = var.{call}_orders_delegated_subnet_id" in main
        var = re.search(rf'variable "{call}_orders_delegated_subnet_id" \{{(.*?)\}}', scaffold)
        assert var is not None and "default" not in var.group(1)
        assert f"passed to module {call}" in var.group(1)
    said = [m for m in _codes(result, "IT308") if "var.orders_delegated_subnet_id" in m]
    assert said and "var.a_orders_delegated_subnet_id" in said[0]
    assert "linked to no VNet" in said[0]


def test_a_remote_state_network_reads_a_subnet_id_variable() -> None:
    tf = '''
variable "project" {
  type = string
}
data "terraform_remote_state" "net" {
  backend = "local"
  config = {
    path = "../network/terraform.tfstate"
  }
}
''' + _db("pg", "data.terraform_remote_state.net.outputs.network_id")
    result, text = _run({"main.tf": tf})
    assert "delegated_subnet_id = var.pg_delegated_subnet_id" in text["main.tf"]
    var = re.search(r'variable "pg_delegated_subnet_id" \{(.*?)\}', text["aks_scaffold.tf"])
    assert var is not None and "default" not in var.group(1)
    said = [m for m in _codes(result, "IT308") if "pg_delegated_subnet_id" in m]
    assert said and "output its VNet's id" in said[0]
