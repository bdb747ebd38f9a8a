"""A GCP network, subnetwork or router with a fixed name inside a module instantiated more
than once gets an IT308 at the name (targets/gke/instance_names.py): every instance after
the first would fail at create."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

NET = '''
variable "service_name" {
  type = string
}
resource "ovh_cloud_project_network_private" "core" {
  service_name = var.service_name
  name         = "core"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.core.id
  region       = "GRA11"
  network      = "10.1.0.0/24"
  start        = "10.1.0.10"
  end          = "10.1.0.100"
  dhcp         = true
}
'''
VAR = 'variable "service_name" {\n  type = string\n}\n'


def _call(name: str, meta: str = "") -> str:
    return f'module "{name}" {{\n  source = "./net"\n{meta}  service_name = "x"\n}}\n'


def _said(files: dict[str, str]) -> list[str]:
    r = translate(files, "gke")
    return [d.message for d in r.diagnostics
            if d.code == "IT308" and "fails at create" in d.message]


def _repeated(root: str, files: dict[str, str] | None = None) -> list[str]:
    return _said({"main.tf": root, "net/main.tf": NET, **(files or {})})


@pytest.mark.parametrize("root", [
    _call("a", '  count = 3\n'),
    _call("a", '  for_each = toset(["x", "y"])\n'),
    _call("a") + _call("b"),
    _call("a", '  count = var.n\n') + 'variable "n" {\n  type = number\n}\n',
])
def test_repeated_module_names_collide(root: str) -> None:
    said = _repeated(root)
    assert len(said) == 2, said
    assert any("google_compute_network of ovh_cloud_project_network_private.core" in m
               and "`core`" in m for m in said)
    assert any("google_compute_subnetwork of ovh_cloud_project_network_private_subnet.nodes"
               in m and "`nodes`" in m for m in said)


@pytest.mark.parametrize("root", [
    _call("a"),
    _call("a", '  count = 1\n'),
    _call("a", '  count = var.on ? 1 : 0\n') + 'variable "on" {\n  type = bool\n}\n',
    _call("a", '  for_each = {only = 1}\n'),
    _call("a", '  for_each = toset(["only"])\n'),
])
def test_a_single_instance_is_quiet(root: str) -> None:
    assert _repeated(root) == []


def test_a_caller_that_repeats_makes_its_child_repeat() -> None:
    """root -> mid (count = 2) -> net (one call): net has two instances too."""
    mid = VAR + 'module "inner" {\n  source = "../net"\n  service_name = var.service_name\n}\n'
    root = 'module "m" {\n  source = "./mid"\n  count = 2\n  service_name = "x"\n}\n'
    said = _repeated(root, {"mid/main.tf": mid})
    assert len(said) == 2 and all("its caller `mid` repeats" in m for m in said), said


def test_a_name_from_a_variable_is_quiet() -> None:
    net = NET.replace('name         = "core"', 'name         = "${var.service_name}-core"')
    said = _said({"main.tf": _call("a") + _call("b"), "net/main.tf": net})
    assert len(said) == 1 and "subnetwork" in said[0]  # the subnet still uses its label
