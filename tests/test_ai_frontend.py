"""AI frontend: API bodies, `ovhai` command lines (every flag), volumes, discovery, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ai_sources
from iac_translate.compiler.frontends.ovhai_cli import FLAGS, parse_command, words
from iac_translate.compiler.frontends.ovhai_values import volume
from iac_translate.compiler.ir import ai
from iac_translate.compiler.span import Span

DATA = Path(__file__).resolve().parent / "data" / "ai"


def read(name: str, text: str | None = None) -> tuple[list[ai.AiWorkload], Sink]:
    sink = Sink()
    body = text if text is not None else (DATA / name).read_text(encoding="utf-8")
    return ai_sources.read_file(name, body, sink), sink


def codes(sink: Sink) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in sink.sorted() if d.span]


def test_app_get_output_ignores_output_only_fields() -> None:
    (w,), sink = read("app-get-output.json")
    assert sink.sorted() == []
    assert (w.kind, w.name, w.image, w.flavor, w.gpu, w.http_port) == (
        "app", "sentiment-api", "registry.example.org/ml/sentiment:1.4.0", "l4-1-gpu", 1, 8000)
    assert w.scaling == ai.Scaling(replicas=2)
    assert w.rollout == ai.Rollout("25%", 0, None, None)
    assert w.probe is not None and (w.probe.path, w.probe.port, w.probe.period_seconds) == (
        "/health", 8000, 10)
    assert [(e.name, e.value) for e in w.env] == [("MODEL_DIR", "/workspace/model")]
    assert w.volumes == (ai.Volume("/workspace/model", "RO", True, "datastore",
                                   container="models", alias="GRA", prefix="sentiment/"),)
    assert w.labels == (("team", "nlp"),)


def test_job_yaml_with_both_volume_forms() -> None:
    (w,), sink = read("train-job.yaml")
    assert sink.sorted() == []
    assert (w.kind, w.gpu, w.timeout_seconds, w.shutdown) == ("job", 2, 86400, "Stop")
    assert w.command == ("bash", "-c", "python train.py --epochs 3")
    assert [(v.container, v.permission, v.cache) for v in w.volumes] == [
        ("datasets", "RO", True), ("checkpoints", "RW", False)]


def test_notebook_env_is_framework_and_editor() -> None:
    (w,), sink = read("notebook.json")
    assert sink.sorted() == []
    assert (w.kind, w.framework, w.editor, w.framework_version, w.cpu) == (
        "notebook", "pytorch", "jupyterlab", "2.4", 4)
    assert w.timeout_auto_restart and w.ssh_public_keys == ("ssh-ed25519 AAAAexample user@host",)


def test_unknown_spec_field_is_a_located_warning_with_suggestion() -> None:
    (w,), sink = read("app.json", '{"name": "a", "image": "i", "scalingStrategy": '
                                  '{"fixed": {"replicas": 1}},\n "envVar": []}')
    (d,) = sink.sorted()
    assert (d.code, d.span.line, d.span.column, d.hint) == ("IT209", 2, 2,
                                                             "did you mean `envVars`?")


@pytest.mark.parametrize("text,code,line,col", [
    ('{"name": "a", "image": "i", "resources": {"gpu": "two"}}', "IT105", 1, 50),
    ('{"name": "a", "image": 3, "probe": {"path": "/"}}', "IT105", 1, 24),
    ('{"name": "a", "image": "i", "volumes": [{"mountPath": "/d", "permission": "RX",'
     ' "volumeSource": {"dataStore": {"alias": "GRA", "container": "c"}}}]}', "IT105", 1, 75),
    ('{"name": "a",\n "image": "i",\n "resources": {"flavor"', "IT108", 3, 24),
    ('name: a\nname: b\n', "IT105", 2, 1),
])
def test_bad_bodies_are_located_errors(text: str, code: str, line: int, col: int) -> None:
    ws, sink = read("bad-app.json" if text.startswith("{") else "bad-app.yaml", text)
    assert ws == []
    assert (code, line, col) in codes(sink), sink.sorted()


# One value per flag, so the test below can use every flag of the table at least once.
VALUES = {"name": "demo", "flavor": "l4-1-gpu", "gpu": "1", "cpu": "2", "env": "A=1",
          "volume": "data@GRA/p/:/workspace/data:rw:cache", "label": "team=ml",
          "http_port": "8080", "replicas": "2", "min": "1", "max": "3", "rtype": "RAM",
          "target": "75", "c_url": "http://<SELF>:9000/metrics", "c_format": "PROMETHEUS",
          "c_location": "requests_total", "c_target": "100", "c_agg": "SUM", "up": "0",
          "down": "300", "cooldown": "600", "probe_path": "/health", "probe_port": "8080",
          "timeout": "1h", "ssh": "ssh-ed25519 AAAA user@host", "read_user": "reader",
          "from": "job-id", "gpu_model": "L4", "framework_version": "2.4", "": "x"}


def _command(kind: str, flag_words: list[str]) -> str:
    tail = "pytorch jupyterlab" if kind == "notebook" else "img:1 -- python -m app"
    quoted = [f"'{w}'" if " " in w else w for w in flag_words]
    return f"ovhai {kind} run {' '.join(quoted)} {tail}"


@pytest.mark.parametrize("kind", ["app", "job", "notebook"])
def test_every_flag_and_alias_is_read(kind: str) -> None:
    for flag in (f for f in FLAGS if kind in f.kinds):
        for name in flag.names:
            args = [name] + ([VALUES[flag.field]] if flag.value else [])
            sink = Sink()
            w = parse_command(words(_command(kind, args), "cmd.sh"), sink)
            assert w is not None, (name, sink.sorted())
            assert not any(d.severity.value == "error" for d in sink.sorted()), name


def test_flag_values_land_in_the_ir() -> None:
    cmd = ("ovhai app run -n demo -f l4-1-gpu -g 1 -e A=1 -e 'B=two words' -l team=ml "
           "-v data@GRA/p/:/workspace/data:rw:cache -p 8080 --unsecure-http "
           "--auto-min-replicas 1 --auto-max-replicas 3 --auto-resource-type ram "
           "--auto-resource-usage-threshold 75 --probe-path /health img:1 -- serve --port=8080")
    sink = Sink()
    w = parse_command(words(cmd, "cmd.sh"), sink)
    assert w is not None and sink.sorted() == []
    assert [(e.name, e.value) for e in w.env] == [("A", "1"), ("B", "two words")]
    assert w.scaling == ai.Scaling(min_replicas=1, max_replicas=3, resource_type="RAM",
                                   target_percent=75)
    assert w.probe == ai.Probe(path="/health", port=8080)
    assert (w.unsecure_http, w.http_port, w.image, w.command) == (
        True, 8080, "img:1", ("serve", "--port=8080"))


@pytest.mark.parametrize("spec,expected", [
    ("dataset@GRA:/workspace/dataset:ro:cache", ("dataset", "GRA", None, "RO", True)),
    ("rock-paper-scissors-data@S3GRA/:/workspace/data:RW:cache",
     ("rock-paper-scissors-data", "S3GRA", None, "RW", True)),
    ("s3-gra-1az@1azgra/:/workspace/my-codes:rw", ("s3-gra-1az", "1azgra", None, "RW", False)),
    ("input@GRA/a/b/:/workspace/data:RWD:no-cache", ("input", "GRA", "a/b/", "RWD", False)),
])
def test_volume_specs(spec: str, expected: tuple[object, ...]) -> None:
    v = volume(spec, Span("x", 1, 1))
    assert (v.container, v.alias, v.prefix, v.permission, v.cache) == expected


def test_git_volume() -> None:
    v = volume("https://github.com/ovh/ai-training-examples.git:/workspace/code:ro",
               Span("x", 1, 1))
    assert (v.kind, v.url, v.mount_path) == ("git", "https://github.com/ovh/ai-training-"
                                             "examples.git", "/workspace/code")


@pytest.mark.parametrize("cmd,code,col", [
    ("ovhai app run --flavr x img", "IT106", 15),
    ("ovhai job run -v bad-spec img", "IT107", 15),
    ("ovhai job run -v data@GRA:/d:rw:fast img", "IT107", 15),
    ("ovhai app run --gpu two img", "IT106", 21),
    ("ovhai job run --timeout soon img", "IT106", 25),
    ("ovhai notebook run pytorch jupyterlab --timeout 1h", "IT106", 39),
    ("ovhai app run -e NOVALUE img", "IT106", 15),
    ("ovhai app run --name", "IT106", 15),
])
def test_bad_command_lines_are_located(cmd: str, code: str, col: int) -> None:
    ws, sink = read("run.sh", f"#!/bin/sh\n{cmd}\n")
    assert ws == []
    assert (code, 2, col) in codes(sink), sink.sorted()


def test_unbalanced_quote_is_an_error_not_a_crash() -> None:
    ws, sink = read("run.sh", "ovhai app run --name 'oops img\n")
    assert ws == [] and [d.code for d in sink.sorted()] == ["IT106"]


def test_discovery_in_markdown_ci_yaml_makefile_and_scripts() -> None:
    md = ("Run `ovhai app run --name demo -g 1 img:1` first.\n\n```console\n"
          "$ ovhai job run --gpu 2 \\\n    --volume data@GRA:/w/data:ro \\\n"
          "    ovhcom/img:2 -- python train.py\n```\n")
    ci = ("steps:\n  - run: ovhai job run --flavor l4-1-gpu ghcr.io/acme/t:1 -- python t.py\n"
          "  # - run: ovhai job run --old-flag img\n")
    mk = "deploy:\n\t@ovhai app run --name web --cpu 2 nginx:1.27 && echo ok\n"
    found = {name: read(name, text)[0] for name, text in
             (("README.md", md), (".gitlab-ci.yml", ci), ("Makefile", mk))}
    assert [(w.kind, w.image, str(w.span)) for w in found["README.md"]] == [
        ("app", "img:1", "README.md:1:6"), ("job", "ovhcom/img:2", "README.md:4:3")]
    assert found["README.md"][1].volumes[0].container == "data"
    assert [w.command for w in found[".gitlab-ci.yml"]] == [("python", "t.py")]
    assert [(w.name, w.cpu) for w in found["Makefile"]] == [("web", 2)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ovhai apprunjob -=@:/'\"\\\n-e-vgnf1x")),
               max_size=60))
def test_random_command_text_never_crashes(tail: str) -> None:
    sink = Sink()
    ai_sources.read_file("fuzz.sh", "ovhai app run " + tail, sink)
    assert all(d.code in ("IT106", "IT107", "IT114", "IT230", "IT231") for d in sink.sorted())


@pytest.mark.parametrize("rel,text,why", [
    (".github/workflows/ci.yml", "on: [push]\njobs: {a: {runs-on: x}}\n", "CI configuration"),
    ("ci.yml", "name: ci\non: push\njobs: {}\n", "CI workflow"),
    ("k8s.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n", "Kubernetes manifest"),
    ("compose.yaml", "services: {web: {image: nginx}}\n", "Compose file"),
    ("values.yaml", "image: {repository: nginx, tag: '1'}\nreplicaCount: 1\n", "without an image"),
    ("tpl/templates/d.yaml", "metadata:\n  name: {{ .Values.name }}\n", "Go template"),
    ("other.yaml", "name: {{ x }}\n  bad: [", "template"),
])
def test_files_that_are_not_ai_bodies_are_skipped(rel: str, text: str, why: str) -> None:
    ws, sink = read(rel, text)
    assert ws == []
    diags = sink.sorted()
    assert [d.code for d in diags] == ["IT231"] and why in diags[0].message, diags


def test_a_chart_directory_is_never_read_as_bodies() -> None:
    sink = Sink()
    files = {"c/Chart.yaml": "apiVersion: v2\nname: c\n",
             "c/sub/values.yaml": "image: nginx\nresources: {cpu: 1}\n",
             "app.yaml": "image: img:1\nresources: {cpu: 1}\n"}
    assert [w.image for w in ai_sources.read_all(files, sink)] == ["img:1"]


def test_queue_option_is_validated() -> None:
    from click.testing import CliRunner
    from iac_translate.compiler.cli import main
    r = CliRunner().invoke(main, ["translate", "x", "--target", "k8s", "--stdout",
                                  "--queue", "Bad_Name"])
    assert r.exit_code == 2 and "--queue" in r.output
