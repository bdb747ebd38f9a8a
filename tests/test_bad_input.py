"""Every bad-input signature of issue 8 is a located IT0xx/IT1xx at every entry point that reads
it (api.translate, the CLI's translate, lint and report): no IT9xx, exit 1, nothing written."""

from __future__ import annotations

import pathlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler import api, guard, report
from iac_translate.compiler.cli import main

BOMB = "".join(f"{a}: &{a} [" + ",".join([f"*{p}" if p else "x"] * 9) + "]\n"
               for a, p in zip("abcdefg", [None, *"abcdef"]))
# name: (file, text, code, line, column) -- where the diagnostic must point.
CASES: dict[str, tuple[str, str, str, int, int]] = {
    "yaml_int_tag": ("app.yaml", "image: x\nresources: {cpu: !!int abc}\n", "IT105", 2, 18),
    "yaml_custom_tag": ("app.yaml", "image: !custom x\n", "IT112", 1, 8),
    "yaml_python_tag": ("app.yaml", "image: !!python/object:os.system x\n", "IT112", 1, 8),
    "yaml_deep": ("app.yaml", "image: x\nlabels: " + "[" * 5000 + "]" * 5000 + "\n",
                  "IT109", 2, 72),
    "json_deep": ("app.json", '{"image": "x", "labels": ' + "[" * 5000 + "]" * 5000 + "}",
                  "IT109", 1, 89),
    "yaml_recursive_alias": ("app.yaml", "image: x\nlabels: &a [*a]\n", "IT112", 2, 9),
    "yaml_alias_bomb": ("app.yaml", BOMB + "image: x\n", "IT112", 1, 22),
    "yaml_escape_range": ("app.yaml", 'image: "\\UFFFFFFFF"\n', "IT110", 1, 11),
    "yaml_surrogate": ("app.yaml", 'image: x\nname: "\\uD800"\n', "IT110", 2, 7),
    "json_surrogate": ("app.json", '{"image": "x",\n "name": "\\uD800"}', "IT110", 2, 10),
    "json_bigint": ("app.json", '{"image": "x", "resources": {"cpu": ' + "9" * 5000 + "}}",
                    "IT111", 1, 37),
    "yaml_bigint": ("app.yaml", "image: x\nresources: {cpu: " + "9" * 5000 + "}\n",
                    "IT111", 2, 18),
    "hcl_escape_range": ("main.tf", 'locals {\n  a = "\\UFFFFFFFF"\n}\n', "IT110", 2, 8),
    "hcl_surrogate": ("main.tf", 'locals {\n  a = "x\\uD800"\n}\n', "IT110", 2, 9),
    "hcl_surrogate_template": ("main.tf", 'locals {\n  a = "${var.x}\\uD800"\n}\n',
                               "IT110", 2, 16),
    "hcl_bigint": ("main.tf", "locals {\n  a = " + "9" * 5000 + "\n}\n", "IT111", 2, 7),
    "hcl_float_overflow": ("main.tf", "locals {\n  a = 1e999\n}\n", "IT111", 2, 7),
    "tfjson_bigint": ("main.tf.json", '{"locals": {"a": ' + "9" * 5000 + "}}", "IT111", 1, 18),
    "tfjson_surrogate": ("main.tf.json", '{"locals": {"a": "\\uD800"}}', "IT110", 1, 19),
    "hcl_deep_brackets": ("main.tf", "locals {\n  a = " + "[" * 5000 + "]" * 5000 + "\n}\n",
                          "IT109", 2, 70),
    "hcl_deep_blocks": ("main.tf", "a {\n" * 3000 + "}\n" * 3000, "IT109", 65, 4),
    "hcl_long_chain": ("main.tf", "locals {\n  a = " + "+".join(["1"] * 3000) + "\n}\n",
                       "IT109", 2, 5879),
    "hcl_deep_templates": ("main.tf", "locals {\n  a = " + '"${' * 300 + "1" + '}"' * 300
                           + "\n}\n", "IT109", 2, 103),
    "tfjson_deep": ("main.tf.json", '{"locals": {"a": ' + "[" * 5000 + "]" * 5000 + "}}",
                    "IT109", 1, 80),
    "cli_bigint": ("run.sh", "ovhai app run --cpu " + "9" * 5000 + " x\n", "IT111", 1, 21),
    "cli_arabic_digit": ("run.sh", "ovhai app run --gpu ٣ img\n", "IT106", 1, 21),
    "cli_superscript": ("run.sh", "ovhai app run --gpu ² img\n", "IT106", 1, 21),
    "cli_nan": ("run.sh", "ovhai app run --auto-custom-api-url http://a "
                "--auto-custom-target-value nan img\n", "IT106", 1, 73),
    "cli_replicas_range": ("run.sh", "ovhai app run --replicas 2147483648 img\n", "IT105", 1, 26),
    "cli_port_range": ("run.sh", "ovhai app run --default-http-port 70000 img\n", "IT105", 1, 35),
    "cli_timeout_range": ("run.sh", "ovhai job run --timeout 9999999999999999999d img\n",
                          "IT105", 1, 25),
    "body_nan": ("app.yaml", "image: x\nscalingStrategy:\n  automatic:\n    customMetrics: "
                 "{apiUrl: a, targetValue: .nan}\n", "IT105", 4, 45),
    "body_inf": ("app.json", '{"image": "x", "scalingStrategy": {"automatic": {"customMetrics":'
                 ' {"apiUrl": "a", "targetValue": 1e999}}}}', "IT105", 1, 98),
    "body_target_overflow": ("app.yaml", "image: x\nscalingStrategy:\n  automatic:\n    "
                             "customMetrics: {apiUrl: a, targetValue: 1" + "0" * 400 + "}\n",
                             "IT105", 4, 45),
    "body_replicas_range": ("app.json", '{"image": "x",\n "scalingStrategy": {"fixed": '
                            '{"replicas": 99999999999}}}', "IT105", 2, 44),
    "body_port_range": ("app.json", '{"image": "x",\n "defaultHttpPort": 0}', "IT105", 2, 21),
    "body_timeout_range": ("job.json", '{"image": "x",\n "timeout": 99999999999999999999999}',
                           "IT105", 2, 13),
    "mks_metadata_shape": ("dump.yaml", "apiVersion: v1\nkind: Service\nmetadata: 3\n"
                           "status: {observedGeneration: 1}\n",
                           "IT105", 3, 11),
    "mks_annotations_shape": ("dump.yaml", "apiVersion: v1\nkind: Service\nmetadata: "
                              "{name: a, annotations: [1]}\nstatus: {observedGeneration: 1}\n",
                              "IT105", 3, 34),
    "mks_ports_shape": ("dump.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
                        "spec: {ports: 4}\nstatus: {observedGeneration: 1}\n", "IT105", 4, 15),
    "mks_spec_shape": ("dump.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: [1]\n"
                       "status: {observedGeneration: 1}\n",
                       "IT105", 4, 7),
    "mks_containers_shape": ("dump.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: "
                             "{name: a}\nspec:\n  template:\n    spec:\n      containers: {a: 1}\n"
                             "status: {observedGeneration: 1}\n",
                             "IT105", 7, 19),
    "mks_env_shape": ("dump.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n"
                      "  containers:\n  - name: c\n    env: [1]\nstatus: {observedGeneration: 1}\n",
                      "IT105", 7, 11),
    "mks_items_shape": ("dump.yaml", "apiVersion: v1\nkind: List\nitems: 5\n", "IT105", 3, 8),
    "mks_null_metadata": ("dump.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\ndata: {a: b}\n"
                          "status: {observedGeneration: 1}\n",
                          "IT105", 3, 10),
}
# (a filled `status:` marks what a cluster returned: hand-written manifests are not exports.)
# lint reads AI bodies and commands but not MKS dumps; the rest goes through every reader.
LINTED = [n for n in CASES if not n.startswith("mks_")]


def _target(file: str) -> str:
    return "gke" if file.endswith((".tf", ".tf.json")) else "k8s"


def _located(diags: list, file: str, code: str, line: int, col: int) -> None:
    assert not [d for d in diags if d.code.startswith("IT9")], diags
    assert any(d.code == code and d.span is not None and (d.span.file, d.span.line,
               d.span.column) == (file, line, col) for d in diags), \
        [(d.code, str(d.span), d.message) for d in diags]


@pytest.mark.parametrize("name", sorted(CASES))
def test_api_translate(name: str) -> None:
    file, text, code, line, col = CASES[name]
    result = api.translate({file: text}, _target(file))
    _located(result.diagnostics, file, code, line, col)
    assert result.files == {}


@pytest.mark.parametrize("name", sorted(LINTED))
def test_api_lint(name: str) -> None:
    file, text, code, line, col = CASES[name]
    _located(api.lint({file: text}), file, code, line, col)


@pytest.mark.parametrize("name", sorted(CASES))
def test_report(name: str) -> None:
    file, text, code, line, col = CASES[name]
    rep, result = report.build({file: text}, _target(file))
    _located(result.diagnostics, file, code, line, col)
    assert result.files == {}


def _cli(tmp_path: Path, name: str, *command: str) -> tuple[str, Path]:
    file, text, code, line, col = CASES[name]
    src = tmp_path / "in"
    src.mkdir()
    (src / file).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = [*command, str(src)]
    if command[0] == "translate":
        args += ["--target", _target(file), "--out", str(out)]
    elif command[0] == "report":
        args += ["--target", _target(file)]
    r = CliRunner().invoke(main, args, catch_exceptions=False)
    assert r.exit_code == 1, (r.exit_code, r.stderr)
    assert "Traceback" not in r.stderr and "IT9" not in r.stderr + r.stdout
    assert f"{file}:{line}:{col}: error[{code}]" in r.stderr, r.stderr
    assert not out.exists() or not any(out.iterdir())
    return r.stderr, out


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_translate(tmp_path: Path, name: str) -> None:
    _cli(tmp_path, name, "translate")


@pytest.mark.parametrize("name", sorted(LINTED))
def test_cli_lint(tmp_path: Path, name: str) -> None:
    _cli(tmp_path, name, "lint")


@pytest.mark.parametrize("name", ["yaml_custom_tag", "hcl_deep_blocks", "cli_superscript",
                                  "mks_ports_shape", "tfjson_surrogate"])
def test_cli_report(tmp_path: Path, name: str) -> None:
    _cli(tmp_path, name, "report")


def test_unreadable_module_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "main.tf").write_text('module "m" {\n  source = "./mod"\n}\n')
    (tmp_path / "mod" / "main.tf").write_text("locals {\n  a = 1\n}\n")
    read = pathlib.Path.read_text

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        if self.parent.name == "mod":  # chmod 000 does not stop root, so refuse here
            raise PermissionError(13, "Permission denied")
        return read(self, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(pathlib.Path, "read_text", refuse)
    for diags in (api.translate([tmp_path]).diagnostics, api.lint([tmp_path]),
                  report.build([tmp_path])[1].diagnostics):
        _located(diags, "mod/main.tf", "IT002", 1, 1)
    r = CliRunner().invoke(main, ["lint", str(tmp_path)], catch_exceptions=False)
    assert r.exit_code == 1 and "mod/main.tf:1:1: error[IT002]" in r.stderr
    assert "IT9" not in r.stderr and "Traceback" not in r.stderr


def test_in_memory_surrogate_never_reaches_a_writer() -> None:
    result = api.translate({"main.tf": 'locals {\n  a = "\ud800"\n}\n'})
    _located(result.diagnostics, "main.tf", "IT110", 2, 8)
    assert result.files == {}


def test_guard_turns_failures_into_one_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.compiler import lint as lint_module

    def boom(*args: object) -> None:
        raise ValueError("secret-value-in-the-message")
    monkeypatch.setattr(lint_module, "_terraform", boom)
    diags = api.lint({"main.tf": 'resource "ovh_x" "a" {\n  b = 1\n}\n'})
    assert [d.code for d in diags] == ["IT901"]
    assert "secret-value" not in diags[0].message and "ValueError" in diags[0].message
    r = CliRunner().invoke(main, ["lint", "--format", "json", str(Path(__file__))])
    assert r.exit_code in (0, 1)  # no Terraform there: the broken detector is not reached
    for exc, code in ((RecursionError(), "IT109"), (MemoryError(), "IT113"),
                      (KeyError("k"), "IT901")):
        assert guard.diagnostic(exc).code == code


def test_cli_internal_error_is_one_line_exit_70(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.compiler import api

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyError("input-text")
    monkeypatch.setattr(api, "translate", boom)  # the CLI imports it when it runs
    (tmp_path / "main.tf").write_text("locals {\n  a = 1\n}\n")
    r = CliRunner().invoke(main, [str(tmp_path), "--stdout"])
    assert r.exit_code == 70
    assert r.stderr.count("\n") == 1 and "error[IT901]" in r.stderr
    assert "Traceback" not in r.stderr and "input-text" not in r.stderr
    assert CliRunner().invoke(main, ["translate"]).exit_code == 2  # usage errors pass through


def test_explain_failure_is_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.compiler import explain

    def boom(*args: object, **kwargs: object) -> None:
        raise TypeError("x")
    monkeypatch.setattr(explain, "translate", boom)
    r = CliRunner().invoke(main, ["explain", "ovh_cloud_project_kube"])
    assert r.exit_code == 70 and "error[IT901]" in r.stderr and "Traceback" not in r.stderr
