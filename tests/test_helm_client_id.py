"""Helm on an AKS estate: the Blob PersistentVolumes' clientID is a chart value the user sets
(targets/helm/identity.py), and IT355 says how (`--set-string` or a values file)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.verify.helm_render import render

ESTATE = Path(__file__).parent.parent / "golden" / "estate_gke" / "input"


def _pvs(files: dict[str, str], values: dict | None = None) -> dict[str, dict]:
    chart = {k[len("helm/"):]: v for k, v in files.items() if k.startswith("helm/")}
    if values is not None:
        chart["values.yaml"] = yaml.safe_dump(values)
    sink = Sink()
    out = render(chart, sink)
    assert not sink.sorted(), sink.sorted()
    return {d["metadata"]["name"]: d for text in out.values()
            for d in yaml.safe_load_all(text) if d and d["kind"] == "PersistentVolume"}


def test_the_client_id_is_a_chart_value_and_it355_says_how_to_set_it() -> None:
    r = translate(ESTATE, "aks", TranslateOptions(workloads="helm"))
    values_text = r.files["helm/values.yaml"]
    values = yaml.safe_load(values_text)
    for name in ("chat", "tokenize"):
        template = r.files[f"helm/templates/{name}.yaml"]
        assert 'clientID: "{{ $w.serviceAccount.clientID }}"' in template
        assert "<terraform output" not in template  # nothing to edit in the templates
        placeholder = values["workloads"][name]["serviceAccount"]["clientID"]
        output = re.fullmatch(r"<terraform output (\w+)>", placeholder)
        assert output is not None, placeholder
        assert re.search(r"# TODO\(IT355\): the client id of the managed identity the Blob "
                         r"PersistentVolumes mount with, .*`terraform output -raw "
                         + output.group(1) + r"` before installing\n +clientID: ",
                         values_text), values_text
        [hint] = [d.hint for d in r.diagnostics if d.code == "IT355" and
                  f"ServiceAccount `{name}`" in d.message]
        path = f"workloads.{name}.serviceAccount.clientID"
        assert f'--set-string {path}="$(terraform -chdir=terraform/platform output -raw ' \
               f'{output.group(1)})"' in hint, hint
        assert "kustomize" not in hint and "template" not in hint, hint
    # the defaults render the placeholder (as the manifests do); a value set by the user
    # reaches each PersistentVolume of that workload only
    defaults = _pvs(r.files)
    assert {pv["spec"]["csi"]["volumeAttributes"]["clientID"] for pv in defaults.values()} == \
        {values["workloads"][n]["serviceAccount"]["clientID"] for n in ("chat", "tokenize")}
    values["workloads"]["chat"]["serviceAccount"]["clientID"] = "0000-chat"
    values["workloads"]["tokenize"]["serviceAccount"]["clientID"] = "0000-tokenize"
    rendered = _pvs(r.files, values)
    assert sorted(pv["spec"]["csi"]["volumeAttributes"]["clientID"] for pv in
                  rendered.values()) == ["0000-chat", "0000-tokenize"]
    for pv_name, pv in rendered.items():
        assert pv["spec"]["csi"]["volumeAttributes"]["clientID"].endswith(
            "chat" if "chat" in pv_name else "tokenize")


def test_the_manifests_keep_their_kustomize_hint() -> None:
    r = translate(ESTATE, "aks")
    hints = [d.hint for d in r.diagnostics if d.code == "IT355"]
    assert hints and all("kustomize edit add patch" in h and "--set-string" not in h
                         for h in hints)
