"""Remote modules `terraform init` downloaded are translated; OVH modules not read are errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from iac_translate.compiler import api, cache, lint
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import downloaded as D
from iac_translate.compiler.frontends.downloaded import ovh_module

KUBE = '''variable "project" {
  type = string
}

resource "ovh_cloud_project_kube" "this" {
  service_name = var.project
  name         = "prod"
  region       = "GRA11"
}

output "id" {
  value = ovh_cloud_project_kube.this.id
}
'''


def _root(tmp_path: Path, source: str, manifest: object | None, extra: str = "") -> Path:
    """A root calling `source`; with `manifest`, init's copy of it in .terraform/modules."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "main.tf").write_text(f'module "platform" {{\n  source  = "{source}"\n'
                                  f'  project = "p"\n}}\n{extra}', encoding="utf-8")
    if manifest is not None:
        copy = root / ".terraform" / "modules" / "platform"
        copy.mkdir(parents=True)
        (copy / "main.tf").write_text(KUBE, encoding="utf-8")
        (root / D.MANIFEST).write_text(
            manifest if isinstance(manifest, str) else json.dumps(manifest), encoding="utf-8")
    return root


def _manifest(key: str = "platform", source: str = "registry.terraform.io/acme/platform/ovh",
              d: str = ".terraform/modules/platform") -> dict[str, object]:
    return {"Modules": [{"Key": "", "Source": "", "Dir": "."},
                        {"Key": key, "Source": source, "Version": "1.0.0", "Dir": d}]}


def _codes(r: api.Result) -> list[str]:
    return [d.code for d in r.diagnostics]


@pytest.mark.parametrize("source,ovh", [
    ("streamx-dev/platform/ovh", True),
    ("registry.terraform.io/acme/platform/ovh//modules/network", True),
    ("terraform-aws-modules/vpc/aws", False),
    ("terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks", False),
    ("git::https://github.com/acme/terraform-ovh-kube.git?ref=v1.2.0", True),
    ("git@github.com:acme/terraform-ovh-kube.git", True),
    ("github.com/wiseflat/ovhcloud-infrastructure/terraform//secgroup", True),
    ("github.com/hashicorp/terraform-aws-consul", False),
    ("git::https://example.org/dns.git", False),
    ("https://example.com/modules/ovh-network.zip", True),
    ("git::https://github.com/acme/terraform-aws-ovh-migration.git", False),
    ("github.com/acme/ovh-kube//modules/pool", True),
])
def test_an_ovh_module_is_told_by_its_source(source: str, ovh: bool) -> None:
    assert ovh_module(source) is ovh


def test_the_copy_is_translated_and_called_where_it_is_written(tmp_path: Path) -> None:
    root = _root(tmp_path, "acme/platform/ovh", _manifest())
    r = api.translate([root], "gke")
    copy = "remote_modules/platform/main.tf"
    assert sorted(r.files) == ["gke_scaffold.tf", "main.tf",
                               "remote_modules/platform/gke_scaffold.tf", copy]
    assert '"./remote_modules/platform"' in r.files["main.tf"]
    assert "version" not in r.files["main.tf"]
    assert 'resource "google_container_cluster" "this"' in r.files[copy]
    assert "IT211" in _codes(r) and "IT212" not in _codes(r) and "IT204" not in _codes(r)
    # diagnostics point at the files read, not at where their translation is written
    assert any(d.span is not None and d.span.file == ".terraform/modules/platform/main.tf"
               for d in r.diagnostics)


def test_an_ovh_module_that_was_not_downloaded_is_an_error(tmp_path: Path) -> None:
    r = api.translate([_root(tmp_path, "acme/platform/ovh", None)], "eks")
    [err] = [d for d in r.diagnostics if d.code == "IT212"]
    assert err.severity.value == "error" and "terraform init" in err.hint
    assert "TODO(IT212)" in r.files["main.tf"]


def test_another_remote_module_stays_a_warning(tmp_path: Path) -> None:
    r = api.translate([_root(tmp_path, "git::https://example.org/dns.git", None)], "gke")
    assert "IT204" in _codes(r) and "IT212" not in _codes(r)


def test_a_call_the_manifest_does_not_list_is_not_resolved(tmp_path: Path) -> None:
    # the configuration renamed the call after init: Terraform itself asks for init again
    root = _root(tmp_path, "acme/platform/ovh", _manifest(key="old_name"))
    r = api.translate([root], "gke")
    assert "IT212" in _codes(r)
    assert not any(p.startswith("remote_modules/") for p in r.files)  # the stale copy: unread


@pytest.mark.parametrize("text", ["{not json", '{"Modules": 3}', "[]"])
def test_a_damaged_manifest_is_reported_and_ignored(tmp_path: Path, text: str) -> None:
    r = api.translate([_root(tmp_path, "acme/platform/ovh", text)], "gke")
    [warn] = [d for d in r.diagnostics if d.code == "IT017"]
    assert warn.span is not None and warn.span.file == D.MANIFEST
    assert "IT212" in _codes(r)


def test_manifest_entries_that_are_not_downloads_are_left_alone() -> None:
    sink = Sink()
    got = D.read_manifest("envs/prod", json.dumps({"Modules": [
        {"Key": "a", "Source": "./modules/a", "Dir": "modules/a"},
        {"Key": "b", "Source": "acme/b/aws", "Dir": ".terraform\\modules\\b"},
        {"Key": "c", "Source": "acme/c/aws", "Dir": "../elsewhere"},
        {"Key": 3, "Source": "acme/d/aws", "Dir": ".terraform/modules/d"}]}), sink)
    assert got == {"b": D.Installed("acme/b/aws", "", "envs/prod/.terraform/modules/b")}
    assert not sink.sorted()


@pytest.mark.parametrize("caller,callee,source", [
    ("", ".terraform/modules/x", "./remote_modules/x"),
    ("envs/prod", "envs/prod/.terraform/modules/x/sub", "./remote_modules/x/sub"),
    (".terraform/modules/x", ".terraform/modules/x.y", "../x.y"),
])
def test_call_sources_follow_the_output_layout(caller: str, callee: str, source: str) -> None:
    assert D.call_source(caller, callee) == source
    assert D.output_path("a.terraform/modules/x/main.tf") == "a.terraform/modules/x/main.tf"


def test_a_new_manifest_is_a_cache_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    root = _root(tmp_path, "acme/platform/ovh", _manifest())
    with cache.enabled():
        assert "IT211" in _codes(api.translate([root], "gke"))
        (root / D.MANIFEST).write_text(json.dumps(_manifest(key="other")), encoding="utf-8")
        assert "IT212" in _codes(api.translate([root], "gke"))


def test_lint_leaves_downloaded_code_alone(tmp_path: Path) -> None:
    root = _root(tmp_path, "acme/platform/ovh", _manifest())
    (root / ".terraform/modules/platform/main.tf").write_text(
        KUBE + 'resource "ovh_cloud_project_user" "u" {\n  service_name = "p"\n'
        '  password = "hunter2-hunter2"\n}\n', encoding="utf-8")
    found = lint.lint([root])
    assert not [d for d in found if d.span is not None and ".terraform" in d.span.file]


@pytest.mark.skipif(shutil.which("terraform") is None or shutil.which("git") is None,
                    reason="needs the terraform and git binaries (`terraform get` from a local "
                           "git repository, offline)")
def test_what_terraform_get_writes_is_read(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "kube" / "modules" / "net").mkdir(parents=True)
    (pkg / "kube" / "main.tf").write_text(
        KUBE + 'module "net" {\n  source = "./modules/net"\n}\n', encoding="utf-8")
    (pkg / "kube" / "modules" / "net" / "main.tf").write_text(
        'resource "ovh_cloud_project_network_private" "n" {\n  service_name = "p"\n'
        '  name = "net"\n  regions = ["GRA11"]\n}\n', encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-C", str(pkg)]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "module"]):
        subprocess.run(git + args, check=True, capture_output=True)
    root = _root(tmp_path, f"git::file://{pkg}//kube", None)
    subprocess.run(["terraform", "get"], cwd=root, check=True, capture_output=True, timeout=120)
    r = api.translate([root], "gke")
    assert "IT211" in _codes(r), [str(d) for d in r.diagnostics]
    assert "remote_modules/platform/kube/main.tf" in r.files
    assert "remote_modules/platform/kube/modules/net/main.tf" in r.files
    assert 'source = "./modules/net"' in r.files["remote_modules/platform/kube/main.tf"]


def test_the_copy_is_never_written_over_an_input_directory(tmp_path: Path) -> None:
    root = _root(tmp_path, "acme/platform/ovh", _manifest())
    (root / "remote_modules" / "platform").mkdir(parents=True)
    (root / "remote_modules" / "platform" / "main.tf").write_text(
        'variable "project" {}\n', encoding="utf-8")
    (root / "main.tf").write_text((root / "main.tf").read_text(encoding="utf-8") +
                                  'module "own" {\n  source = "./remote_modules/platform"\n'
                                  '  project = "p"\n}\n', encoding="utf-8")
    r = api.translate([root], "gke")
    assert _codes(r) == ["IT004"] and not r.files  # an error of reading: nothing is written


@pytest.mark.parametrize("source,found", [("acme/platform/ovh", True),
                                          ("terraform-aws-modules/vpc/aws", False)])
def test_lint_finds_a_call_of_an_ovh_module(tmp_path: Path, source: str, found: bool) -> None:
    root = _root(tmp_path, source, None)
    got = [d for d in lint.lint([root]) if d.code == "IT220"]
    assert bool(got) is found
    assert all(d.span is not None and d.span.line == 2 for d in got)
