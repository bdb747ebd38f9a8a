"""An OVH flavor as a machine type (targets/tfbase/instance_machine.py) on scaleway and aks."""

from __future__ import annotations

import pytest
from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, translate

VM = '''
resource "openstack_compute_instance_v2" "vm" {
  name        = "vm"
  flavor_name = %s
  image_name  = "Debian 12"
}
%s'''
ATTR = {"scaleway": "type", "aks": "size"}
UNKNOWN = {"scaleway": ("scw instance server-type list", "Scaleway commercial type"),
           "aks": ("az vm list-sizes", "Azure VM size")}


def _run(target: str, flavor: str, extra: str = "") -> tuple[str, list[tuple[str, str, str]]]:
    result = translate({"main.tf": VM % (flavor, extra)}, target, TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, d.message, d.hint)
                                               for d in result.diagnostics]


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_known_flavor_is_fitted(target: str) -> None:
    out, diags = _run(target, '"b3-8"')
    [(_, msg, _)] = [d for d in diags if d[0] == "IT306" and "flavor" in d[1]]
    machine = msg.rsplit(" ", 1)[-1]
    assert msg.startswith("OVH flavor `b3-8` mapped to ")
    assert f'{ATTR[target]} ' in out and f'"{machine}"' in out


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_unknown_flavor_is_a_located_todo(target: str) -> None:
    out, diags = _run(target, '"zz-nope"')
    [(_, msg, help)] = [d for d in diags if d[0] == "IT303"]
    hint, todo = UNKNOWN[target]
    assert "the flavor of openstack_compute_instance_v2.vm is not one" in msg
    assert hint in help
    asked_for(out, todo)


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_flavor_from_a_variable_is_kept(target: str) -> None:
    out, diags = _run(target, "var.flavor", 'variable "flavor" {\n  default = "b3-8"\n}\n')
    assert f"{ATTR[target]}" in out and "var.flavor" in out
    assert not [d for d in diags if d[0] == "IT303"]
