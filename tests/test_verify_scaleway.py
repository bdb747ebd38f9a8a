"""verify --target scaleway reads Kapsule, Object Storage and Managed Database blocks: a
changed output value is found lost, and the CLI takes the target."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from iac_translate.compiler.cli import main
from iac_translate.compiler.verify import verify

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _out(case: str) -> dict[str, str]:
    d = GOLDEN / case / "expected" / "scaleway"
    return {p.name: p.read_text(encoding="utf-8") for p in d.iterdir() if p.suffix == ".tf"}


def test_a_golden_output_verifies() -> None:
    v = verify(str(GOLDEN / "kube_minimal" / "input"), _out("kube_minimal"), "scaleway")
    facts = {(r.object.split(".")[0], r.fact) for r in v.rows}
    assert ("ovh_cloud_project_kube_nodepool", "vcpu") in facts
    assert ("ovh_cloud_project_kube", "location") in facts
    assert not v.lost


def test_a_changed_pool_is_lost() -> None:
    out = _out("kube_minimal")
    out["main.tf"] = out["main.tf"].replace('node_type   = "POP2-2C-8G"',
                                            'node_type   = "POP2-64C-256G"')
    v = verify(str(GOLDEN / "kube_minimal" / "input"), out, "scaleway")
    lost = {r.fact for r in v.lost}
    assert {"vcpu", "ram_gb"} <= lost, lost


def test_a_changed_database_size_is_lost() -> None:
    out = _out("database_postgresql")
    assert "volume_size_in_gb = 160" in out["main.tf"]
    out["main.tf"] = out["main.tf"].replace("volume_size_in_gb = 160", "volume_size_in_gb = 20")
    v = verify(str(GOLDEN / "database_postgresql" / "input"), out, "scaleway")
    assert "disk_gb" in {r.fact for r in v.lost}


def test_the_cli_verifies_scaleway() -> None:
    res = CliRunner().invoke(main, ["verify", str(GOLDEN / "kube_minimal" / "input"),
                                    str(GOLDEN / "kube_minimal" / "expected" / "scaleway"),
                                    "--target", "scaleway"])
    assert res.exit_code == 0, res.output
    assert "ovh_cloud_project_kube_nodepool.default" in res.output and " 0 lost" in res.output
