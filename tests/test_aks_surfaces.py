"""AKS on the surfaces: verify reads azurerm blocks (compiler/verify/out_aks), the Azure
runbook's data moves, the AKS cluster profile against the AKS target's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.verify import out_aks, read_out, run, tables, tf_rows, verify

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.fixture
def aks_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registration lines verify needs for aks (until the shared files carry them)."""
    monkeypatch.setattr(run, "TERRAFORM", (*run.TERRAFORM, "aks"))
    monkeypatch.setattr(tables, "TERRAFORM", (*tables.TERRAFORM, "aks"))
    monkeypatch.setitem(tables._MORE, "aks", ("databases.json",))
    monkeypatch.setitem(tf_rows._OUT, "aks", (out_aks.OUTPUT, out_aks.PRIMARY, out_aks.GROUPED))
    monkeypatch.setitem(read_out._READ, "aks", read_out._READ["eks"])
    monkeypatch.setitem(read_out.SUFFIXES, "aks", read_out.SUFFIXES["eks"])


def _out(case: str) -> dict[str, str]:
    d = GOLDEN / case / "expected" / "aks"
    return {p.name: p.read_text(encoding="utf-8") for p in d.iterdir() if p.suffix == ".tf"}


def _verify(case: str, out: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return verify(str(GOLDEN / case / "input"), out if out is not None else _out(case), "aks")


def _facts(v) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(r.object.split(".")[0], r.fact) for r in v.rows}


@pytest.mark.usefixtures("aks_verify")
def test_kube_full_verifies() -> None:
    v = _verify("kube_full")
    facts = _facts(v)
    assert {("ovh_cloud_project_kube", "services_cidr"), ("ovh_cloud_project_kube", "name"),
            ("ovh_cloud_project_kube_nodepool", "vcpu")} <= facts, facts
    assert not v.lost, [(r.object, r.fact, r.source, r.target) for r in v.lost]


@pytest.mark.usefixtures("aks_verify")
def test_a_changed_pool_size_is_lost() -> None:
    out = _out("kube_full")
    assert 'vm_size               = "Standard_D4s_v5"' in out["main.tf"]
    out["main.tf"] = out["main.tf"].replace('vm_size               = "Standard_D4s_v5"',
                                            'vm_size               = "Standard_D16s_v5"')
    assert {"vcpu", "ram_gb"} <= {r.fact for r in _verify("kube_full", out).lost}


@pytest.mark.usefixtures("aks_verify")
def test_storage_bucket_verifies_through_its_account() -> None:
    """A container is where its storage account is, versioned as the account's blobs."""
    v = _verify("storage_bucket")
    assert {("ovh_cloud_project_storage", f) for f in ("name", "location", "versioning")} \
        <= _facts(v)
    assert not v.lost
    out = _out("storage_bucket")
    out["main.tf"] = out["main.tf"].replace("versioning_enabled = true",
                                            "versioning_enabled = false")
    assert "versioning" in {r.fact for r in _verify("storage_bucket", out).lost}


@pytest.mark.usefixtures("aks_verify")
def test_database_postgresql_verifies() -> None:
    v = _verify("database_postgresql")
    rows = {(r.object.split(".")[0], r.fact): r for r in v.rows}
    pg = "ovh_cloud_project_database"
    for fact in ("engine", "version", "ha", "vcpu"):
        assert rows[(pg, fact)].verdict == "equal", rows[(pg, fact)]
    assert rows[(pg, "disk_gb")].verdict == "mapped"  # 160 GB -> storage_mb 262144 (IT301)
    assert rows[("ovh_cloud_project_database_database", "name")].verdict == "equal"
    # The SQL user is not created by Terraform: IT338 at the whole resource explains its
    # `name` (verify's tf_rows reads an error at an object's start so), nothing is lost.
    assert not v.lost
    user = rows[("ovh_cloud_project_database_postgresql_user", "name")]
    assert user.verdict != "equal" and "IT338" in str(user), user
    out = _out("database_postgresql")
    out["main.tf"] = out["main.tf"].replace("storage_mb                   = 262144",
                                            "storage_mb                   = 524288")
    assert "disk_gb" in {r.fact for r in _verify("database_postgresql", out).lost}


@pytest.mark.usefixtures("aks_verify")
def test_redis_and_s3_policy_facts() -> None:
    """A cache's size is family + capacity (HA from the sku); an S3 policy's access is the
    Blob data roles its assignments give."""
    v = _verify("database_enterprise_redis")
    assert not v.lost
    out = _out("s3_user_policy")
    assert '"Storage Blob Data Contributor"' in out["main.tf"]
    assert not _verify("s3_user_policy").lost
    out["main.tf"] = out["main.tf"].replace('"Storage Blob Data Contributor"',
                                            '"Storage Blob Data Reader"')
    assert "access" in {r.fact for r in _verify("s3_user_policy", out).lost}


RUNBOOK_SRC = {"main.tf": '''
resource "ovh_cloud_project_storage" "media" {
  service_name = "p"
  region_name  = "GRA"
  name         = "Media_Files"
}
resource "ovh_cloud_project_containerregistry" "apps" {
  service_name = "p"
  region       = "GRA"
  name         = "apps_registry"
}
resource "ovh_cloud_project_database" "pg" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database" "cache" {
  service_name = "p"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db2-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "prod"
  region       = "GRA11"
}
'''}


def _azure_steps(src: dict[str, str]) -> dict[str, object]:
    from iac_translate.compiler.api import source_model
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.ir import nodes as N
    from iac_translate.compiler.runbook_azure import commands
    out: dict[str, object] = {}
    for module in source_model(src, Sink()).modules:
        for node in module.nodes:
            if isinstance(node, N.Resource) and node.mode == "managed":
                step = commands(node, [])
                if step is not None:
                    out[node.address] = step
    return out


def test_azure_runbook_steps_read_what_the_aks_translation_writes() -> None:
    """Every `terraform console` read names a block of the AKS translation of the source;
    the commands are Azure's (Blob via rclone env_auth, ACR, Flexible Server with TLS, Azure
    Cache on 6380) and carry no credential value."""
    import re

    from iac_translate.compiler.api import translate
    steps = _azure_steps(RUNBOOK_SRC)
    assert set(steps) == {"ovh_cloud_project_storage.media",
                          "ovh_cloud_project_containerregistry.apps",
                          "ovh_cloud_project_database.pg", "ovh_cloud_project_database.cache",
                          "ovh_cloud_project_kube.k"}
    tf = "\n".join(v for k, v in translate(RUNBOOK_SRC, "aks").files.items()
                   if k.endswith(".tf"))
    text = {a: "\n".join(s.commands) + "\n" + s.notes  # type: ignore[attr-defined]
            for a, s in steps.items()}
    for address, body in text.items():
        for kind, label, _attr in re.findall(r"echo '(azurerm_\w+)\.(\w+)\.(\w+)'", body):
            assert f'resource "{kind}" "{label}"' in tf, (address, kind, label)
    bucket = text["ovh_cloud_project_storage.media"]
    assert "rclone config create ovh s3 provider Other endpoint " \
           "https://s3.gra.io.cloud.ovh.net" in bucket
    assert "azureblob account $ACCOUNT env_auth true" in bucket
    assert "rclone sync --checksum --transfers 16 ovh:Media_Files azure:$CONTAINER" in bucket
    assert "amazonaws" not in bucket and "gcs" not in bucket
    assert "crane copy --all-tags $OVH_REGISTRY_URL/$repo $ACR/$repo" in \
        text["ovh_cloud_project_containerregistry.apps"]
    pg = text["ovh_cloud_project_database.pg"]
    assert "azurerm_postgresql_flexible_server.pg.fqdn" in pg and "sslmode=require" in pg
    assert "pg_restore" in pg
    cache = text["ovh_cloud_project_database.cache"]
    assert "azurerm_redis_cache.cache.hostname" in cache and "6380" in cache
    assert "az aks get-credentials --resource-group $AKS_GROUP --name $AKS_NAME" in \
        text["ovh_cloud_project_kube.k"]
    assert not any(re.search(r"(?:key|password|secret)[ =]+[A-Za-z0-9+/]{16,}", b, re.I)
                   for b in text.values())


def test_azure_runbook_repeated_database_names_its_instance() -> None:
    src = {"main.tf": RUNBOOK_SRC["main.tf"].replace(
        'resource "ovh_cloud_project_database" "pg" {\n',
        'resource "ovh_cloud_project_database" "pg" {\n  count = 2\n')}
    step = _azure_steps(src)["ovh_cloud_project_database.pg"]
    assert "azurerm_postgresql_flexible_server.pg[${INSTANCE}].fqdn" in \
        step.commands[0]  # type: ignore[attr-defined]


def _profile() -> dict[str, object]:
    import json
    from importlib import resources
    text = resources.files("iac_translate.targets").joinpath("profiles/aks.json").read_text()
    found: dict[str, object] = json.loads(text)
    return found


def test_aks_profile_says_what_the_aks_terraform_writes() -> None:
    """The GPU taint is the one the AKS pools carry; the Terraform enables neither the
    app-routing add-on nor an ALB controller, so the profile lists both as to install."""
    from iac_translate.compiler.api import translate
    prof = _profile()
    taint = prof["gpu"]["taint"]  # type: ignore[index]
    out = translate(str(GOLDEN / "estate_gke" / "input" / "platform"), "aks")
    tf = "\n".join(v for k, v in out.files.items() if k.endswith(".tf"))
    assert f'"{taint["key"]}={taint["value"]}:{taint["effect"]}"' in tf
    assert "web_app_routing" not in tf
    assert set(prof["controllers"]) == {"gateway", "ingress"}  # type: ignore[arg-type]
    assert "web_app_routing" in prof["controllers"]["ingress"]["install"]  # type: ignore[index]


def test_aks_estate_names_the_acr_login_server(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from iac_translate.compiler.cli import main
    res = CliRunner().invoke(main, [str(GOLDEN / "estate_gke" / "input"), "--target", "aks",
                                    "--out", str(tmp_path / "out"), "-v"])  # infos shown
    assert "acmeregistry.azurecr.io/ml/tokenize:2" in res.output, res.output
    assert "<registry>" not in res.output
    assert "Application Gateway for Containers (the ALB Controller), which the translated " \
           "Terraform does not install" in res.output
