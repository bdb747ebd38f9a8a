"""EKS: the IAM user name prefix variable takes a free name where the source module declares
one called iam_name_prefix (scaffold_names.free_variable_name): the author's keeps its meaning
and the module is not given a second declaration of it (IT380)."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate

_USER = '''
resource "ovh_cloud_project_user" "%s" {
  service_name = "p"
  description  = "%s"
}
'''
_OWN = '''
variable "iam_name_prefix" {
  type    = string
  default = "mine"
}
'''


def _run(files: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    r = translate(files, target="eks")
    return r.files, [f"{d.code} {d.message}" for d in r.diagnostics]


def _declared(files: dict[str, str], module: str) -> list[str]:
    text = "".join(v for k, v in files.items()
                   if k.rsplit("/", 1)[0] == module and k.endswith(".tf"))
    return re.findall(r'variable "(\w+)"', text)


def test_module_with_its_own_variable_gets_a_free_prefix_variable() -> None:
    files, said = _run({
        "main.tf": 'module "a" {\n  source = "./modules/a"\n}\n',
        "modules/a/main.tf": _OWN + _USER % ("u", "${var.iam_name_prefix}-u")})
    child = files["modules/a/main.tf"]
    assert sorted(_declared(files, "modules/a")) == ["aws_iam_name_prefix", "iam_name_prefix"]
    assert '"${var.aws_iam_name_prefix}u"' in child  # one name per use of the module
    assert '"${var.iam_name_prefix}-u"' in child  # the author's variable, untouched
    assert re.search(r'module "a" \{[^}]*aws_iam_name_prefix = "a-"', files["main.tf"])
    assert "iam_name_prefix =" not in files["main.tf"].replace("aws_iam_name_prefix =", "")
    assert not [m for m in said if m.startswith(("IT380", "IT381"))], said


def test_a_middle_module_with_its_own_variable_chains_the_free_one() -> None:
    files, said = _run({
        "main.tf": 'module "a" {\n  source = "./modules/a"\n}\n',
        "modules/a/main.tf": _OWN + 'module "b" {\n  source = "../b"\n}\n' +
        _USER % ("u", "u"),
        "modules/b/main.tf": _USER % ("v", "v")})
    assert re.search(r'module "b" \{[^}]*\n  iam_name_prefix = "\$\{var\.aws_iam_name_prefix\}b-"',
                     files["modules/a/main.tf"]), files["modules/a/main.tf"]
    assert _declared(files, "modules/b") == ["iam_name_prefix"]
    assert '"${var.iam_name_prefix}v"' in files["modules/b/main.tf"]
    assert not [m for m in said if m.startswith(("IT380", "IT381"))], said
