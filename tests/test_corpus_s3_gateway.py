"""AKS: the S3 gateway variable a child module reads is passed by its calls up to the root."""

from __future__ import annotations

import re
from pathlib import Path

from iac_translate.compiler.api import translate

_CHILD = """
variable "region" {
  type = string
}

output "endpoint" {
  value = "https://s3.${lower(var.region)}.io.cloud.ovh.net"
}
"""


def _tree(root: Path, caller_line: str) -> Path:
    (root / "modules" / "mid" / "leaf").mkdir(parents=True)
    (root / "main.tf").write_text('module "mid" {\n  source = "./modules/mid"\n'
                                  f'{caller_line}}}\n\noutput "e" {{\n'
                                  '  value = module.mid.endpoint\n}\n', encoding="utf-8")
    (root / "modules" / "mid" / "main.tf").write_text(
        'module "leaf" {\n  source = "./leaf"\n  region = "GRA"\n}\n\n'
        'output "endpoint" {\n  value = module.leaf.endpoint\n}\n', encoding="utf-8")
    (root / "modules" / "mid" / "leaf" / "main.tf").write_text(_CHILD, encoding="utf-8")
    return root


def _module(files: dict[str, str], module: str, label: str) -> str:
    text = "".join(t for p, t in sorted(files.items()) if p.rpartition("/")[0] == module)
    m = re.search(rf'^module "{label}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, text
    return m.group(1)


def _declares(files: dict[str, str], module: str) -> bool:
    return any('variable "s3_gateway_endpoint"' in t for p, t in files.items()
               if p.rpartition("/")[0] == module)


def test_each_call_up_to_the_root_passes_the_gateway(tmp_path: Path) -> None:
    res = translate(_tree(tmp_path, ""), "aks")
    for module, label in (("modules/mid", "leaf"), ("", "mid")):
        body = _module(res.files, module, label)
        assert re.search(r"^\s*s3_gateway_endpoint\s+= var\.s3_gateway_endpoint$", body,
                         re.M), body
        assert _declares(res.files, module)
    assert _declares(res.files, "modules/mid/leaf")


def test_a_call_giving_the_gateway_is_left_alone(tmp_path: Path) -> None:
    res = translate(_tree(tmp_path, '  s3_gateway_endpoint = "https://gw.example.com"\n'),
                    "aks")
    body = _module(res.files, "", "mid")
    assert '"https://gw.example.com"' in body
    assert not _declares(res.files, "")
