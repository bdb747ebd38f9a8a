"""A call of the repository's own module by its Git address (one of the remotes of its
`.git/config`) reads the module from the checkout, like a relative call (IT213 says the pinned
ref is not followed); other repositories' addresses stay remote (IT212 for an OVH one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.frontends.own_remote import _identity, own_call

_NET = '''
variable "name" {
  type = string
}
resource "ovh_cloud_project_network_private" "net" {
  service_name = "p"
  name         = var.name
  regions      = ["GRA11"]
}
output "id" {
  value = ovh_cloud_project_network_private.net.id
}
'''
_PROD = '''
module "net" {
  source = "%s"
  name   = "prod"
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = "p"
  name               = "prod"
  region             = "GRA11"
  private_network_id = module.net.id
}
'''


def _repo(tmp: Path, url: str, source: str) -> Path:
    (tmp / ".git").mkdir()
    (tmp / ".git" / "config").write_text(
        f'[core]\n\tbare = false\n[remote "origin"]\n\turl = {url}\n', encoding="utf-8")
    (tmp / "modules" / "net").mkdir(parents=True)
    (tmp / "modules" / "net" / "main.tf").write_text(_NET, encoding="utf-8")
    (tmp / "envs" / "prod").mkdir(parents=True)
    (tmp / "envs" / "prod" / "main.tf").write_text(_PROD % source, encoding="utf-8")
    return tmp


@pytest.mark.parametrize("url, source", [
    ("https://github.com/Acme/ovh-infra.git", "github.com/acme/ovh-infra//modules/net?ref=v1"),
    ("git@github.com:acme/ovh-infra.git",
     "git::https://github.com/acme/ovh-infra.git//modules/net?ref=v1"),
    ("ssh://git@gitlab.example.com/team/ovh-infra", "git::ssh://git@gitlab.example.com/team/"
     "ovh-infra.git//modules/net?ref=v1"),
])
@pytest.mark.parametrize("given", ["", "envs/prod"])
def test_own_module_is_read_from_the_checkout(tmp_path: Path, url: str, source: str,
                                              given: str) -> None:
    repo = _repo(tmp_path, url, source)
    r = translate(repo / given if given else repo, "gke")
    codes = {d.code for d in r.diagnostics}
    assert "IT212" not in codes and "IT204" not in codes, r.diagnostics
    own = [d for d in r.diagnostics if d.code == "IT213"]
    assert len(own) == 1 and "version `v1` it pinned is not followed" in own[0].message
    out = "\n".join(r.files.values())
    assert 'source = "../../modules/net"' in out
    assert 'resource "google_compute_network" "net"' in out
    assert "ovh_" not in "".join(line for line in out.splitlines()
                                 if not line.lstrip().startswith("#"))


def test_another_repository_stays_remote(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "https://github.com/acme/ovh-infra.git",
                 "github.com/acme/other-ovh-infra//modules/net?ref=v1")
    r = translate(repo / "envs" / "prod", "gke")
    assert "IT212" in {d.code for d in r.diagnostics}


def test_no_remote_no_own_call(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "/srv/git/ovh-infra", "github.com/acme/ovh-infra//modules/net")
    assert "IT212" in {d.code for d in translate(repo / "envs" / "prod", "gke").diagnostics}


def test_addresses() -> None:
    assert _identity("https://user@github.com:443/acme/infra.git") == "github.com/acme/infra"
    assert _identity("acme/net/ovh") is None and _identity("./x") is None
    ids = frozenset({"github.com/acme/infra"})
    assert own_call("github.com/acme/infra", ids) is None  # (no subdirectory)
    assert own_call("github.com/acme/infra//../x", ids) is None
    assert own_call("github.com/acme/infra//live/m?ref=v2", ids) == "live/m"
    assert own_call("github.com/acme/other//m", ids) is None
    # (the GitHub shorthand: a path after owner/repo is a directory too, as go-getter reads it)
    assert own_call("github.com/acme/infra/terraform//net", ids) == "terraform/net"
    # (the registry publishes acme/platform/ovh from github.com/acme/terraform-ovh-platform)
    reg = frozenset({"github.com/acme/terraform-ovh-platform"})
    assert own_call("acme/platform/ovh", reg) == ""
    assert own_call("registry.terraform.io/acme/platform/ovh//modules/net", reg) == \
        "modules/net"
    assert own_call("acme/platform/aws", reg) is None
    assert own_call("ovh/ovh", reg) is None


def test_a_module_repository_example_calls_it_by_its_registry_address(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text(
        '[remote "origin"]\n\turl = git@github.com:acme/terraform-ovh-platform.git\n',
        encoding="utf-8")
    (tmp_path / "main.tf").write_text(_NET, encoding="utf-8")
    (tmp_path / "examples" / "basic").mkdir(parents=True)
    (tmp_path / "examples" / "basic" / "main.tf").write_text(
        'module "platform" {\n  source  = "acme/platform/ovh"\n  version = "~> 1.2"\n'
        '  name    = "demo"\n}\n', encoding="utf-8")
    r = translate(tmp_path / "examples" / "basic", "gke")
    assert "IT212" not in {d.code for d in r.diagnostics}, r.diagnostics
    own = [d for d in r.diagnostics if d.code == "IT213"]
    assert len(own) == 1 and "version `~> 1.2` it pinned" in own[0].message
    call = next(t for p, t in r.files.items() if p.endswith("examples/basic/main.tf"))
    assert 'source = "../.."' in call and "version" not in call
    assert any('resource "google_compute_network" "net"' in t for t in r.files.values())
