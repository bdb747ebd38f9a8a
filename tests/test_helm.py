"""Generated charts pass `helm lint` and render, with the real Helm library, to the same
objects as the k8s target (default values), each strictly valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from golden_cases import Case, cases
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.frontends.positioned import load

helm = pytest.importorskip("helm_python", reason="helm-python-sdk missing: charts NOT checked "
                           "with Helm (pip install -e '.[test]')")

HELM_CASES = [c for c in cases() if "helm" in c.targets]


def _chart(case: Case, tmp: Path) -> Path:
    result = translate(case.input, "helm", TranslateOptions(**dict(case.options)))
    # A workload in error is left out; the chart of the others must still lint and render.
    assert result.files, result.diagnostics
    for rel, text in result.files.items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_text(text, encoding="utf-8")
    (chart,) = {p.parent for p in tmp.rglob("Chart.yaml")}
    return chart


def _normal(obj: dict[str, Any]) -> dict[str, Any]:
    """Helm adds its chart label and manages the objects; everything else must match."""
    for meta in (obj.get("metadata", {}), obj.get("spec", {}).get("template", {})
                 .get("metadata", {})):
        labels = meta.get("labels")
        if labels:
            labels.pop("helm.sh/chart", None)
            if labels.get("app.kubernetes.io/managed-by") == "Helm":
                labels["app.kubernetes.io/managed-by"] = "iac-translate"
    return obj


def test_there_are_helm_cases() -> None:
    assert len(HELM_CASES) >= 4


@pytest.mark.parametrize("case", HELM_CASES, ids=lambda c: c.name)
def test_chart_lints_and_renders_like_the_k8s_target(case: Case, tmp_path: Path) -> None:
    chart = _chart(case, tmp_path)
    report = helm.lint(str(chart), strict=True, kube_version="v1.34.0")
    assert not report.get("errors"), report
    with helm.Chart.load(str(chart)) as ch:
        rendered = ch.render({}, name="release", namespace="ai")
    # Our positioned loader rejects duplicate keys, which yaml.safe_load silently accepts.
    objs = [_normal(d.plain()) for name, text in sorted(rendered.items())
            if name.endswith(".yaml") for d in load(text, name) if d.value]
    for o in objs:
        if o["apiVersion"].split("/")[0] in ("apps", "batch", "v1", "autoscaling",
                                             "networking.k8s.io", "resource.k8s.io"):
            kubernetes_validate.validate(o, "1.34.0", strict=True)
    k8s = translate(case.input, "k8s", TranslateOptions(**dict(case.options)))
    expected = [o for text in k8s.files.values() for o in yaml.safe_load_all(text) if o]
    key = lambda o: (o["kind"], o["metadata"]["name"])  # noqa: E731
    assert sorted(objs, key=key) == sorted(expected, key=key)


@pytest.mark.parametrize("case", HELM_CASES[:1], ids=lambda c: c.name)
def test_values_change_the_render(case: Case, tmp_path: Path) -> None:
    chart = _chart(case, tmp_path)
    values = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    name = sorted(values["workloads"])[0]
    override = {"workloads": {name: {"image": {"tag": "9.9.9"}, "enabled": True}}}
    with helm.Chart.load(str(chart)) as ch:
        text = "\n".join(ch.render(override, name="r", namespace="ai").values())
    assert ":9.9.9" in text
    with helm.Chart.load(str(chart)) as ch:
        off = ch.render({"workloads": {name: {"enabled": False}}}, name="r", namespace="ai")
    assert f"name: {name}\n" not in "\n".join(off.values())


def test_bundled_ai_example_translates_to_both_targets(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "ai-workloads"
    k8s = translate(example, "k8s")
    chart = translate(example, "helm")
    assert k8s.files and chart.files and not k8s.has_errors and not chart.has_errors
    assert "ai-workloads/values.yaml" in chart.files
