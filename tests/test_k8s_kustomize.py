"""The k8s target's kustomization.yaml and Secret env templates: Secrets are never among the
applied manifests, `kubectl apply -k` generates them from env files the user fills, and the
fields follow kustomize's documented Kustomization schema (checked with real kubectl when
present)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from golden_cases import GOLDEN
from iac_translate.compiler.api import translate
from iac_translate.compiler.cli import main
from iac_translate.targets.k8s import selfcheck

# kustomize.config.k8s.io/v1beta1 Kustomization fields (kubectl.docs.kubernetes.io reference).
_KUSTOMIZATION = {"apiVersion", "kind", "metadata", "resources", "components", "crds",
                  "namespace", "namePrefix", "nameSuffix", "commonLabels", "labels",
                  "commonAnnotations", "patches", "patchesStrategicMerge", "patchesJson6902",
                  "images", "replicas", "configMapGenerator", "secretGenerator",
                  "generatorOptions", "generators", "transformers", "validators", "vars",
                  "replacements", "openapi", "buildMetadata", "helmCharts", "helmGlobals",
                  "sortOptions"}
_GENERATOR = {"name", "namespace", "behavior", "files", "literals", "envs", "env", "type",
              "options"}
_OPTIONS = {"labels", "annotations", "disableNameSuffixHash", "immutable"}
DIRS = sorted(p.parent for p in [*GOLDEN.glob("*/expected/k8s/kustomization.yaml"),
                                 *GOLDEN.glob("*/expected/gke/kubernetes/kustomization.yaml")])
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ai-workloads"


def test_every_k8s_golden_has_a_kustomization() -> None:
    k8s = sorted({p.parent for p in [*GOLDEN.glob("*/expected/k8s/*.yaml"),
                                     *GOLDEN.glob("*/expected/gke/kubernetes/*.yaml")]})
    assert len(DIRS) >= 10 and DIRS == k8s


@pytest.mark.parametrize("out", DIRS, ids=lambda p: p.parent.parent.name)
def test_kustomization_lists_every_manifest_and_generates_every_secret(out: Path) -> None:
    doc = yaml.safe_load((out / "kustomization.yaml").read_text(encoding="utf-8"))
    assert set(doc) <= _KUSTOMIZATION, set(doc) - _KUSTOMIZATION
    assert doc["apiVersion"] == "kustomize.config.k8s.io/v1beta1"
    assert doc["kind"] == "Kustomization"
    manifests = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml")
                       if p.name != "kustomization.yaml")
    assert doc["resources"] == manifests
    objs = [o for m in manifests for o in yaml.safe_load_all((out / m).read_text("utf-8")) if o]
    assert all(o["kind"] != "Secret" for o in objs)  # never in the applied set
    generated = set()
    for gen in doc.get("secretGenerator", []):
        assert set(gen) <= _GENERATOR and set(gen.get("options", {})) <= _OPTIONS
        (env,) = gen["envs"]
        assert not (out / env).exists()  # the user's file, never written with values
        example = (out / f"{env}.example").read_text(encoding="utf-8")
        keys = [line for line in example.splitlines() if not line.startswith("#")]
        assert keys and all(re.fullmatch(r"[-._A-Za-z0-9]+=", k) for k in keys), keys
        generated.add((gen.get("namespace", ""), gen["name"]))
    if generated:
        assert doc["generatorOptions"] == {"disableNameSuffixHash": True}
        assert "*.env" in (out / "secrets" / ".gitignore").read_text(encoding="utf-8")
    needed = {(str(o["metadata"].get("namespace", "")), name) for o in objs
              if (pod := selfcheck.pod_template(o))
              for kind, name in selfcheck.references(pod) if kind == "Secret"}
    # selfcheck cases leave a reference dangling on purpose: it must be reported (IT329).
    diagnostics = out / "diagnostics.txt"  # an estate's are beside kubernetes/
    reported = (diagnostics if diagnostics.exists() else out.parent / "diagnostics.txt"
                ).read_text(encoding="utf-8")
    missing = {n for n in needed - generated if "IT329" not in reported or
               f"Secret `{n[1]}`" not in reported}
    assert not missing, missing


def _write(files: dict[str, str], out: Path) -> None:
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl missing: kustomization "
                    "NOT built (only its keys were checked)")
def test_kubectl_kustomize_builds_the_secrets_once_the_env_files_are_filled(
        tmp_path: Path) -> None:
    case = GOLDEN / "secrets_ai" / "input"
    result = translate(case, "k8s")
    _write(result.files, tmp_path)
    run = ["kubectl", "kustomize", str(tmp_path)]
    unfilled = subprocess.run(run, capture_output=True, text=True, check=False)
    assert unfilled.returncode != 0  # nothing is applied with empty credentials
    for example in tmp_path.rglob("*.env.example"):
        lines = example.read_text(encoding="utf-8").splitlines()
        example.with_suffix("").write_text("".join(
            f"{line}filled-{i}\n" for i, line in enumerate(lines) if not line.startswith("#")))
    built = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    objs: list[dict[str, Any]] = [o for o in yaml.safe_load_all(built) if o]
    secrets = {(o["metadata"].get("namespace", ""), o["metadata"]["name"]): o for o in objs
               if o["kind"] == "Secret"}
    assert set(secrets) == {("", "secret-app-env"), ("shop", "db"), ("shop", "web-credentials")}
    assert all(v for s in secrets.values() for v in s["data"].values())
    assert len(objs) == len(secrets) + sum(
        1 for rel, t in result.files.items() if rel.endswith(".yaml")
        and rel != "kustomization.yaml" for o in yaml.safe_load_all(t) if o)


def test_chart_name_option_names_the_chart_written_at_the_out_root(tmp_path: Path) -> None:
    out = tmp_path / "chart"
    r = CliRunner().invoke(main, [str(EXAMPLE), "--target", "helm", "--out", str(out),
                                  "--chart-name", "ml-serving"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    chart = yaml.safe_load((out / "Chart.yaml").read_text(encoding="utf-8"))
    assert chart["name"] == "ml-serving"
    assert 'define "ml-serving.fullname"' in (out / "templates" / "_helpers.tpl").read_text()
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk missing: the written "
                               "directory was NOT rendered with Helm")
    with helm.Chart.load(str(out)) as ch:  # what `helm install x OUT` renders
        rendered = ch.render({}, name="x", namespace="ai")
    names = [o["metadata"]["name"] for rel, text in rendered.items() if rel.endswith(".yaml")
             for o in yaml.safe_load_all(text) if isinstance(o, dict)]
    assert names and all(n.startswith("x-ml-serving-") for n in names), names


@pytest.mark.parametrize("bad", ["Upper", "-dash", "under_score", "dot.ted", "9lives",
                                 "a" * 54])
def test_bad_chart_names_are_usage_errors(bad: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, [str(EXAMPLE), "--target", "helm", "--out",
                                  str(tmp_path / "o"), "--chart-name", bad])
    assert r.exit_code == 2 and "--chart-name" in r.output
    assert not (tmp_path / "o").exists()


def test_filled_env_files_survive_a_new_run_and_are_not_stale(tmp_path: Path) -> None:
    out = tmp_path / "k8s"
    args = [str(GOLDEN / "secrets_ai" / "input"), "--target", "k8s", "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    filled = out / "secrets" / "secret-app-env.env"
    filled.write_text("API_KEY=filled\n", encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert filled.read_text(encoding="utf-8") == "API_KEY=filled\n"
    assert CliRunner().invoke(main, [*args, "--check"]).exit_code == 0
