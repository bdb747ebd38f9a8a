"""GKE Cloud SQL on an OVH private network handed down to a child module or read from
another stack: private IP with one private services access per VPC, where the VPC is."""

from __future__ import annotations

import re

from iac_translate.compiler.api import Result, TranslateOptions, translate

CONN = 'resource "google_service_networking_connection"'

NET = '''
variable "project" {
  type = string
}
resource "ovh_cloud_project_network_private" "NAME" {
  service_name = var.project
  name         = "NAME"
  regions      = ["GRA11"]
}
'''

CHILD = '''
variable "project" {
  type = string
}
variable "network_id" {
  type = string
}
resource "ovh_cloud_project_database" "pg" {
  service_name = var.project
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region     = "GRA"
    network_id = var.network_id
  }
}
output "host" {
  value = ovh_cloud_project_database.pg.endpoints[0].domain
}
'''


def _net(name: str = "shop") -> str:
    return NET.replace("NAME", name)


def _call(name: str, network: str, source: str = "./modules/db", extra: str = "") -> str:
    return f'''
module "{name}" {{
  source     = "{source}"
  project    = var.project
  network_id = {network}
  {extra}
}}
'''


def _id(net: str = "shop") -> str:
    return f'ovh_cloud_project_network_private.{net}.regions_openstack_ids["GRA11"]'


def _run(files: dict[str, str]) -> tuple[Result, dict[str, str]]:
    result = translate(files, "gke", TranslateOptions())
    return result, {k: " ".join(v.split()) for k, v in result.files.items()}


def _all(text: dict[str, str]) -> str:
    return " ".join(text.values())


def _codes(result: Result, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


def test_a_network_handed_to_a_child_keeps_the_instance_private() -> None:
    result, text = _run({"main.tf": _net() + _call("orders", _id()),
                         "modules/db/main.tf": CHILD})
    child = text["modules/db/main.tf"]
    assert "ipv4_enabled = false private_network = var.network_id" in child
    assert "depends_on = [var.network_id_private_services]" in child
    assert "google_sql_database_instance.pg.private_ip_address" in child  # the host output
    var = re.search(r'variable "network_id_private_services" \{(.*?)\}',
                    text["modules/db/gke_scaffold.tf"])
    assert var is not None and "default" not in var.group(1)
    root = text["gke_scaffold.tf"]
    assert f'{CONN} "private_services" {{ network = google_compute_network.shop.id' in root
    assert "network_id_private_services = google_service_networking_connection." \
        "private_services.id" in text["main.tf"]
    assert not [m for m in _codes(result, "IT308") if "public IP" in m]
    assert any("var.network_id_private_services" in m for m in _codes(result, "IT307"))


def test_one_connection_per_vpc_for_several_calls() -> None:
    calls = _call("eu", _id()) + _call("us", _id()) + _call(
        "many", _id(), extra='for_each = toset(["a", "b"])')
    _, text = _run({"main.tf": _net() + calls, "modules/db/main.tf": CHILD})
    out = _all(text)
    assert out.count(CONN) == 1
    assert out.count('resource "google_compute_global_address"') == 1
    assert text["main.tf"].count("network_id_private_services = google_service_networking"
                                 "_connection.private_services.id") == 3


def test_a_caller_database_on_the_same_vpc_shares_the_connection() -> None:
    own = CHILD.split("output")[0].replace('variable "project" {\n  type = string\n}\n', "")
    own = own.replace('variable "network_id" {\n  type = string\n}\n', "").replace(
        "var.network_id", _id()).replace('"pg"', '"local"')
    result, text = _run({"main.tf": _net() + own + _call("orders", _id()),
                         "modules/db/main.tf": CHILD})
    out = _all(text)
    assert out.count(CONN) == 1
    assert "depends_on = [google_service_networking_connection.private_services]" in \
        text["main.tf"]


def test_two_vpcs_of_one_module_get_two_distinct_connections() -> None:
    src = _net("a") + _net("b").split("}\n", 1)[1] + _call("one", _id("a")) + \
        _call("two", _id("b"))
    _, text = _run({"main.tf": src, "modules/db/main.tf": CHILD})
    root = text["gke_scaffold.tf"]
    labels = re.findall(r'resource "google_service_networking_connection" "(\w+)"', root)
    assert len(labels) == 2 and len(set(labels)) == 2
    names = re.findall(r'resource "google_compute_global_address" "\w+" \{ name = "([^"]+)"',
                       root)
    assert len(names) == 2 and len(set(names)) == 2  # GCP names are unique per project
    for label in labels:
        assert f"google_service_networking_connection.{label}.id" in text["main.tf"]


def test_a_call_passing_a_root_variable_keeps_the_public_fallback() -> None:
    src = _net() + 'variable "legacy" {\n  type = string\n}\n' + _call("eu", _id()) + \
        _call("legacy", "var.legacy")
    result, text = _run({"main.tf": src, "modules/db/main.tf": CHILD})
    assert "ipv4_enabled = true" in text["modules/db/main.tf"]
    assert CONN not in _all(text)
    assert "_private_services" not in _all(text)
    said = [m for m in _codes(result, "IT308") if "public IP" in m]
    assert len(said) == 1 and "module.legacy" in said[0] and "var.legacy" in said[0]


def test_a_root_variable_network_keeps_the_public_fallback() -> None:
    src = 'variable "project" {\n  type = string\n}\n' + CHILD.split(
        'variable "project" {\n  type = string\n}\n', 1)[1]
    result, text = _run({"main.tf": src})
    assert "ipv4_enabled = true" in text["main.tf"]
    assert any("a root variable" in m for m in _codes(result, "IT308"))


def test_a_vpc_declared_in_an_intermediate_module_gets_its_access_there() -> None:
    mid = _net() + _call("db", _id(), source="../db")
    result, text = _run({"main.tf": 'variable "project" {\n  type = string\n}\n' +
                         'module "mid" {\n  source  = "./modules/mid"\n'
                         '  project = var.project\n}\n',
                         "modules/mid/main.tf": mid, "modules/db/main.tf": CHILD})
    assert CONN in text["modules/mid/gke_scaffold.tf"]
    assert CONN not in text["gke_scaffold.tf"]
    assert "network_id_private_services = google_service_networking_connection." \
        "private_services.id" in text["modules/mid/main.tf"]


def test_a_remote_state_vpc_gets_no_connection_and_a_diagnostic() -> None:
    src = '''
variable "project" {
  type = string
}
data "terraform_remote_state" "network" {
  backend = "local"
  config = {
    path = "../network/terraform.tfstate"
  }
}
''' + CHILD.split('variable "network_id" {\n  type = string\n}\n', 1)[1].replace(
        "var.network_id", "data.terraform_remote_state.network.outputs.network_id").replace(
        'variable "project" {\n  type = string\n}\n', "")
    result, text = _run({"main.tf": src})
    out = _all(text)
    assert CONN not in out and "google_compute_global_address" not in out
    assert "ipv4_enabled = false private_network = data.terraform_remote_state.network." \
        "outputs.network_id" in text["main.tf"]
    assert "depends_on" not in text["main.tf"]
    said = [d for d in result.diagnostics if d.code == "IT308" and "private services" in
            d.message]
    assert len(said) == 1 and "another configuration" in said[0].message
    assert said[0].span is not None and said[0].span.line == 19  # the network_id argument
    assert not _codes(result, "IT307")
