"""`verify` over every golden case of every target: nothing the source says is lost silently."""

from __future__ import annotations

import pytest
from golden_cases import Case, cases
from iac_translate.compiler.api import TranslateOptions
from iac_translate.compiler.verify import Verification, verify
from iac_translate.compiler.verify.table import as_text

# Losses of the current translator that no diagnostic reports: bugs of the lowering, kept
# visible here (strict: the test fails once one is fixed, so the entry must go).
KNOWN_LOSSES: dict[tuple[str, str], str] = {
    ("scw_db_play2_ha", "aks"): "aks: HA on a burstable SKU is dropped with IT301 at `plan`, "
    "but two written nodes state the HA (the fact's source), so the warning is not at it",
    ("downloaded_module", "eks"): "eks: a module's cluster takes the provider's region, "
    "which the module's one call gives (tfbase/region_inherit); verify reads the cluster's "
    "`region = var.region` as lost (the same with a local module)"}

# Cases with no object verify compares (only variables, providers, lookups, outputs).
NO_OBJECTS = {("data_nodepool", "gke"), ("data_nodepool", "eks"),
              ("selfcheck_required_args", "eks"),
              ("kube_data_kubeconfig", "gke"), ("secrets_terraform", "gke"),
              ("selfcheck_required_args", "gke"), ("variable_description_ovh", "gke"),
              ("kube_data_kubeconfig", "eks"), ("secrets_terraform", "eks"),
              ("variable_description_ovh", "eks"),
              *((c, "scaleway") for c in ("data_nodepool", "kube_data_kubeconfig",
                                          "secrets_terraform", "selfcheck_required_args",
                                          "variable_description_ovh")),
              *((c, "aks") for c in ("data_nodepool", "kube_data_kubeconfig",
                                     "secrets_terraform", "selfcheck_required_args",
                                     "variable_description_ovh"))}

# Cases whose verify table is a golden file (golden/<case>/verify/<target>.txt).
TABLES = {("nodepool_gpu_template", "gke"), ("realistic_platform", "gke"),
          ("ai_app_body", "helm"), ("mks_export", "k8s"), ("estate_gke", "gke"),
          ("estate_gke", "eks"), ("estate_gke", "aks"), ("estate_gke", "scaleway"),
          ("nodepool_gpu_template", "scaleway")}

RUNS = [(c, t) for c in cases() for t in c.targets if not c.name.startswith("err_")]


def _verify(case: Case, target: str) -> Verification:
    return verify(case.input, case.expected_dir(target), target,
                  TranslateOptions(**dict(case.options)))


def _params() -> list[object]:
    out: list[object] = []
    for c, t in RUNS:
        reason = KNOWN_LOSSES.get((c.name, t))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(c, t, marks=marks, id=f"{c.name}-{t}"))
    return out


def test_known_losses_are_golden_runs() -> None:
    assert set(KNOWN_LOSSES) | NO_OBJECTS <= {(c.name, t) for c, t in RUNS}
    assert TABLES <= {(c.name, t) for c, t in RUNS}


@pytest.mark.parametrize("case,target", _params())
def test_nothing_is_lost_without_a_diagnostic(case: Case, target: str) -> None:
    v = _verify(case, target)
    assert not [d for d in v.diagnostics if d.code != "IT353"], v.diagnostics
    assert bool(v.rows) != ((case.name, target) in NO_OBJECTS), \
        f"{case.name}/{target}: {len(v.rows)} rows (NO_OBJECTS lists the cases with none)"
    assert not v.lost, "\n".join(f"{r.object} {r.fact}: {r.source} -> {r.output} ({r.target})"
                                 for r in v.lost)


@pytest.mark.parametrize("name,target", sorted(TABLES), ids=[f"{n}-{t}" for n, t in
                                                            sorted(TABLES)])
def test_verify_table_golden(name: str, target: str, update_golden: bool) -> None:
    case = next(c for c in cases() if c.name == name)
    text = as_text(_verify(case, target))
    path = case.path / "verify" / f"{target}.txt"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"updated {name}/verify/{target}.txt")
        return
    assert path.is_file(), f"no {path}: run pytest tests/test_verify_golden.py --update-golden"
    assert path.read_text(encoding="utf-8") == text, f"{name}/verify/{target}.txt differs"


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_an_estate_compares_both_halves(target: str) -> None:
    case = next(c for c in cases() if c.name == "estate_gke")
    objects = {r.object for r in _verify(case, target).rows}
    # every Terraform root (below its directory), the AI workloads and the MKS dump
    assert {o.split("/", 1)[0] for o in objects if "ovh_cloud_project" in o} >= \
        {"platform", "bootstrap"}
    assert any(o.startswith(("app ", "job ")) for o in objects)
    assert any(o.startswith("Deployment/") for o in objects)


def test_every_eks_estate_twin_is_verified() -> None:
    """The estate cases translated for EKS are verified, none skipped or expected to fail."""
    twins = {c.name for c in cases() if c.name.startswith("estate_")
             and c.expected_dir("eks").is_dir()}
    assert len(twins) >= 10
    assert twins <= {c.name for c, t in RUNS if t == "eks"}
    assert not {(n, "eks") for n in twins} & (set(KNOWN_LOSSES) | NO_OBJECTS)
