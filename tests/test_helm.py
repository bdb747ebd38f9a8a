"""Generated charts pass `helm lint` and render, with the real Helm library and a release name
other than the chart's, to the k8s target's objects named after the release (default values),
each strictly valid; two releases do not collide; the chart templates no Secret."""

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

# err_* cases write nothing (tests/test_golden.py checks that).
HELM_CASES = [c for c in cases() if "helm" in c.targets and not c.name.startswith("err_")]


def _chart(case: Case, tmp: Path) -> Path:
    """The chart as written: Chart.yaml at the root of the output directory."""
    result = translate(case.input, "helm", TranslateOptions(**dict(case.options)))
    # A workload in error is left out; the chart of the others must still lint and render.
    assert result.files, result.diagnostics
    chart = tmp / "out"
    for rel, text in result.files.items():
        (chart / rel).parent.mkdir(parents=True, exist_ok=True)
        (chart / rel).write_text(text, encoding="utf-8")
    assert (chart / "Chart.yaml").is_file(), sorted(result.files)
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


def _render(chart: Path, release: str, values: dict[str, Any] | None = None,
            namespace: str = "ai") -> list[dict[str, Any]]:
    with helm.Chart.load(str(chart)) as ch:
        rendered = ch.render(values or {}, name=release, namespace=namespace)
    # Our positioned loader rejects duplicate keys, which yaml.safe_load silently accepts.
    return [_normal(d.plain()) for name, text in sorted(rendered.items())
            if name.endswith(".yaml") for d in load(text, name) if d.value]


def _released(k8s_files: dict[str, str], chart: str, release: str) -> list[dict[str, Any]]:
    """The k8s target's objects as a release of the chart names them (helm create's rule):
    base = the release name, plus `-<chart>` unless it contains it; the workload the chart is
    named after takes the base, the others `<base>-<workload>`; the instance label is the
    release. Secret names (existing Secrets) and exported objects keep theirs."""
    base = release if chart in release else f"{release}-{chart}"
    out = []
    for rel, text in k8s_files.items():
        objs = [o for o in yaml.safe_load_all(text) if o] if rel.endswith(".yaml") and \
            rel != "kustomization.yaml" else []
        if rel.startswith("exported/"):
            out += objs
            continue
        w = rel[:-len(".yaml")]
        out += [_fix(o, w, base if w == chart else f"{base}-{w}",
                     {o["metadata"]["name"] for o in objs}, release) for o in objs]
    return out


def _fix(node: Any, w: str, name: str, created: set[str], release: str, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _fix(v, w, name, created, release, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_fix(v, w, name, created, release) for v in node]
    if isinstance(node, str) and key == "app.kubernetes.io/instance":
        return release
    if isinstance(node, str) and key != "app.kubernetes.io/name" and node in created:
        return name + node[len(w):] if node.startswith(w) else f"{name}-{node}"
    if isinstance(node, str):
        # KEDA metrics URLs: the k8s target assumes `default`, the chart the release namespace
        return node.replace(f"//{w}.default.svc", f"//{name}.ai.svc")
    return node


def test_there_are_helm_cases() -> None:
    assert len(HELM_CASES) >= 4


@pytest.mark.parametrize("case", HELM_CASES, ids=lambda c: c.name)
def test_chart_lints_and_renders_like_the_k8s_target(case: Case, tmp_path: Path) -> None:
    chart = _chart(case, tmp_path)
    report = helm.lint(str(chart), strict=True, kube_version="v1.34.0")
    assert not report.get("errors"), report
    objs = _render(chart, "rel1")
    for o in objs:
        if o["apiVersion"].split("/")[0] in ("apps", "batch", "v1", "autoscaling",
                                             "networking.k8s.io", "resource.k8s.io"):
            kubernetes_validate.validate(o, "1.34.0", strict=True)
    k8s = translate(case.input, "k8s", TranslateOptions(**dict(case.options)))
    name = yaml.safe_load((chart / "Chart.yaml").read_text(encoding="utf-8"))["name"]
    expected = _released(k8s.files, name, "rel1")
    key = lambda o: (o["kind"], o["metadata"]["name"])  # noqa: E731
    assert sorted(objs, key=key) == sorted(expected, key=key)
    assert all(o["kind"] != "Secret" for o in objs)  # existing Secrets, never templated


@pytest.mark.parametrize("case", HELM_CASES, ids=lambda c: c.name)
def test_release_named_like_a_one_workload_chart_renders_the_k8s_names(
        case: Case, tmp_path: Path) -> None:
    """`helm install <chart> OUT` of a chart of one workload into the namespace the k8s target
    assumes (`default`) gives exactly the k8s objects."""
    chart = _chart(case, tmp_path)
    name = yaml.safe_load((chart / "Chart.yaml").read_text(encoding="utf-8"))["name"]
    k8s = translate(case.input, "k8s", TranslateOptions(**dict(case.options)))
    if f"{name}.yaml" not in k8s.files:
        pytest.skip("several workloads, or --chart-name: names are <release>-<workload>")
    expected = [o for rel, text in k8s.files.items() if rel.endswith(".yaml")
                and rel != "kustomization.yaml" for o in yaml.safe_load_all(text) if o]
    key = lambda o: (o["kind"], o["metadata"]["name"])  # noqa: E731
    assert sorted(_render(chart, name, namespace="default"), key=key) == \
        sorted(expected, key=key)


@pytest.mark.parametrize("case", HELM_CASES, ids=lambda c: c.name)
def test_two_releases_do_not_collide(case: Case, tmp_path: Path) -> None:
    chart = _chart(case, tmp_path)
    one = {(o["kind"], o["metadata"].get("namespace", "ai"), o["metadata"]["name"])
           for o in _render(chart, "rel1")}
    # Exported objects keep the old cluster's names: one release installs them.
    two = {(o["kind"], o["metadata"].get("namespace", "ai"), o["metadata"]["name"])
           for o in _render(chart, "rel2", {"exported": {"enabled": False}})}
    assert one and two and not one & two, one & two


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
    assert "values.yaml" in chart.files and "Chart.yaml" in chart.files


def test_template_delimiters_in_the_objects_render_as_themselves(tmp_path: Path) -> None:
    dump = ("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
            "  metadata: {name: alerts, namespace: mon}\n"
            "  data: {rule: 'summary: {{ $labels.instance }} is down'}\n")
    body = ('{"spec": {"name": "a", "image": "i:1", "resources": {"flavor": "ai1-1-cpu", '
            '"cpu": 1}, "command": ["echo", "{{ not a template }}"]}}')
    result = translate({"dump.yaml": dump, "app.json": body}, "helm")
    for rel, text in result.files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    objs = {o["kind"]: o for o in _render(tmp_path, "r")}
    assert objs["ConfigMap"]["data"]["rule"] == "summary: {{ $labels.instance }} is down"
    args = objs["Deployment"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args == ["echo", "{{ not a template }}"]


def test_helm_install_release_on_the_directory_the_cli_wrote(tmp_path: Path) -> None:
    """README: `iac-translate examples/ai-workloads --target helm --out out/chart`, then
    `helm install ml out/chart`: the written directory itself is the chart, and a release
    named other than the chart gives the k8s target's objects under release-derived names."""
    from click.testing import CliRunner
    from iac_translate.compiler.cli import main
    example = Path(__file__).resolve().parent.parent / "examples" / "ai-workloads"
    out = tmp_path / "out" / "chart"
    r = CliRunner().invoke(main, [str(example), "--target", "helm", "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    name = yaml.safe_load((out / "Chart.yaml").read_text(encoding="utf-8"))["name"]
    assert name != "ml"
    assert not helm.lint(str(out), strict=True, kube_version="v1.34.0").get("errors")
    objs = _render(out, "ml")
    expected = _released(translate(example, "k8s").files, name, "ml")
    key = lambda o: (o["kind"], o["metadata"]["name"])  # noqa: E731
    assert objs and sorted(objs, key=key) == sorted(expected, key=key)
    assert all(o["metadata"]["name"].startswith("ml") for o in objs
               if o["kind"] in ("Deployment", "Job", "Service"))
