"""AKS: a root whose resources are all in child modules puts its resource group in the region
its module calls pass (a literal, or its variable's literal default), else asks (IT308)."""

from __future__ import annotations

from iac_translate.compiler.api import translate

CHILD = '''
variable "zone_code" {
  type = string
}
resource "openstack_networking_network_v2" "n" {
  name   = "app"
  region = var.zone_code
}
'''


def _location(files: dict[str, str]) -> str:
    text = "\n".join(t for p, t in files.items() if not p.startswith("modules/"))
    start = text.index('variable "resource_group_location"')
    return text[start:text.index("}", start)]


def _run(root: str) -> tuple[str, list[str]]:
    files = {"main.tf": root, "modules/a/main.tf": CHILD}
    if 'module "b"' in root:
        files["modules/b/main.tf"] = CHILD
    r = translate(files, "aks")
    assert not r.has_errors, r.diagnostics
    return _location(r.files), [f"{d.code} {d.message}" for d in r.diagnostics]


def test_a_literal_region_passed_to_the_module_places_the_group() -> None:
    loc, diags = _run('module "a" {\n  source = "./modules/a"\n  zone_code = "GRA11"\n}\n')
    assert 'default     = "francecentral"' in loc
    assert not any(d.startswith("IT308 no literal region") for d in diags)
    assert any(d.startswith("IT301 the resource group of the root module is in francecentral, "
                            "nearest the OVH region `GRA11` (`zone_code` of module.a)")
               for d in diags)


def test_the_first_call_wins_and_the_other_regions_are_said() -> None:
    loc, diags = _run('module "a" {\n  source = "./modules/a"\n  zone_code = "GRA11"\n}\n'
                      'module "b" {\n  source = "./modules/b"\n  zone_code = "BHS5"\n}\n')
    assert 'default     = "francecentral"' in loc
    assert any(d.startswith("IT301 the resource group") and "also pass `BHS5`" in d
               for d in diags)


def test_a_variable_without_default_still_asks() -> None:
    loc, diags = _run('variable "r" {\n  type = string\n}\n'
                      'module "a" {\n  source = "./modules/a"\n  zone_code = var.r\n}\n')
    assert "default" not in loc
    assert any(d.startswith("IT308 no literal region is known for the resource group")
               for d in diags)
