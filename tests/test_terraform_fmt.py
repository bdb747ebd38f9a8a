"""Emitted Terraform is `terraform fmt` canonical: writer snippets, random block trees, goldens."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.hclwrite import TfBlock, render_blocks

ROOT = Path(__file__).resolve().parent.parent
TERRAFORM = shutil.which("terraform")
needs_terraform = pytest.mark.skipif(
    TERRAFORM is None, reason="no `terraform` binary on PATH: `terraform fmt` checks skipped")
# fmt needs no plugins or network; an empty CLI config keeps a developer's one out of it.
ENV = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"}


def fmt_changes(*targets: Path) -> list[str]:
    """Files under `targets` that `terraform fmt` would rewrite."""
    r = subprocess.run([str(TERRAFORM), "fmt", "-no-color", "-check", "-list=true", "-recursive",
                        *map(str, targets)], capture_output=True, text=True, env=ENV, timeout=300)
    assert r.returncode in (0, 3), r.stderr  # 3: some files are not canonical
    return sorted(line for line in r.stdout.splitlines() if line.strip())


def fmt_text(text: str) -> str:
    r = subprocess.run([str(TERRAFORM), "fmt", "-no-color", "-"], input=text,
                       capture_output=True, text=True, env=ENV, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def v(name: str) -> E.Var:
    return E.Var(name)


def lit(value: str | int | bool | None) -> E.Literal:
    return E.Literal(value)


# Snippets whose canonical form was read from `terraform fmt` itself, so the rules hold
# (and are documented) even where no terraform binary is installed.
def _chains() -> tuple[list[TfBlock], str]:
    b = TfBlock("resource", ("google_container_cluster", "main"))
    b.set("name", lit("main"))
    b.set("location", v("var.region"), comment="a comment line ends the alignment chain")
    b.set("initial_node_count", lit(1))
    b.set("resource_labels", E.Object(((v("team"), lit("ml")), (v("a"), lit(1)),
                                        (v("cost_center"), lit("x")), (v("b"), lit(2)))))
    b.set("deletion_protection", lit(False))
    return [b], (
        'resource "google_container_cluster" "main" {\n'
        '  name = "main"\n'
        "  # a comment line ends the alignment chain\n"
        "  location           = var.region\n"
        "  initial_node_count = 1\n"
        "  resource_labels = {\n"
        '    team        = "ml"\n'
        "    a           = 1\n"
        '    cost_center = "x"\n'
        "    b           = 2\n"
        "  }\n"
        "  deletion_protection = false\n"
        "}\n")


def _heredoc_and_keywords() -> tuple[list[TfBlock], str]:
    b = TfBlock("locals")
    b.set("script", E.Template(("echo ", E.Interp(v("var.x")), "\n"), heredoc="EOT"))
    b.set("ids", E.ForExpr(None, "p", E.Parens(E.Conditional(v("c"), v("a"), v("b"))),
                           E.GetAttr(v("p"), "id")))
    b.set("only", E.Template((E.Interp(v("var.name")),)))
    nested = E.Object(((v("inner"), E.Tuple((lit("a"),))), (v("k"), lit(1))))
    b.set("obj", E.Object(((v("long_key_name"), nested), (v("x"), lit(2)), (v("yy"), lit(3)))))
    return [b], (
        "locals {\n"
        "  script = <<EOT\n"
        "echo ${var.x}\n"
        "EOT\n"
        "  ids    = [for p in(c ? a : b) : p.id]\n"
        "  only   = var.name\n"
        "  obj = {\n"
        "    long_key_name = {\n"
        '      inner = ["a"]\n'
        "      k     = 1\n"
        "    }\n"
        "    x  = 2\n"
        "    yy = 3\n"
        "  }\n"
        "}\n")


SNIPPETS = {"chains": _chains, "heredoc_and_keywords": _heredoc_and_keywords}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_writer_snippets_are_canonical(name: str) -> None:
    blocks, expected = SNIPPETS[name]()
    assert render_blocks(blocks) == expected


@needs_terraform
@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_expectations_agree_with_terraform(name: str) -> None:
    _, expected = SNIPPETS[name]()
    assert fmt_text(expected) == expected


class _Gen:
    """Random block trees over every expression form the writer prints (seeded, replayable)."""

    NAMES = ("a", "name", "location", "node_count", "a_much_longer_attribute_name", "tags", "id")

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def name(self) -> str:
        return self.r.choice(self.NAMES) + self.r.choice(("", "_x", "_2"))

    def ref(self) -> E.Expr:
        e: E.Expr = E.GetAttr(v(self.r.choice(("var", "local", "each"))), self.name())
        for _ in range(self.r.randint(0, 2)):
            e = self.r.choice((lambda x: E.GetAttr(x, "id"), lambda x: E.Index(x, lit(0)),
                               lambda x: E.Splat(x), lambda x: E.Index(x, lit("k"))))(e)
        return e

    def scalar(self) -> E.Expr:
        return self.r.choice((
            lambda: lit(self.r.choice(("x", "europe-west1", "with \"quotes\"", "a${b}", ""))),
            lambda: lit(self.r.choice((0, 3, -2, 10.5))), lambda: lit(self.r.random() < .5),
            lambda: lit(None), self.ref,
            lambda: E.Template(("pre-", E.Interp(self.ref()), "-post")),
            lambda: E.Template((E.Interp(self.ref()),)),
        ))()

    def expr(self, depth: int = 0) -> E.Expr:
        if depth > 2 or self.r.random() < .35:
            return self.scalar()
        d = depth + 1
        kinds = (
            lambda: E.Tuple(tuple(self.expr(d) for _ in range(self.r.randint(0, 5)))),
            lambda: E.Tuple(tuple(self.obj(d) for _ in range(self.r.randint(1, 3)))),
            lambda: self.obj(d),
            lambda: E.Call(self.r.choice(("merge", "lookup", "concat", "try")),
                           tuple(self.expr(d) for _ in range(self.r.randint(1, 3))),
                           expand_final=self.r.random() < .2),
            lambda: E.Conditional(E.Binary("==", self.ref(), lit("x")), self.expr(d), self.expr(d)),
            lambda: E.Binary(self.r.choice(("+", "*", "&&", "-")), self.scalar(), self.scalar()),
            lambda: E.Unary(self.r.choice(("-", "!")), self.ref()),
            lambda: E.ForExpr(self.r.choice((None, "k")), "item", self.r.choice((
                self.ref(), E.Parens(E.Conditional(self.ref(), self.ref(), E.Tuple(()))))),
                E.GetAttr(v("item"), "id"), key=self.r.choice((None, v("item"))),
                cond=self.r.choice((None, E.Binary("!=", v("item"), lit(None))))),
            lambda: E.Template(("line one\n", E.Interp(self.ref()), "\nline two\n"),
                               heredoc="EOT", indent=self.r.random() < .5),
        )
        return self.r.choice(kinds)()

    def obj(self, depth: int) -> E.Object:
        keys = [self.r.choice((v(self.name()), lit("dash-key"), E.Parens(self.ref())))
                for _ in range(self.r.randint(0, 5))]
        uniq = {repr(k): k for k in keys}.values()
        return E.Object(tuple((k, self.expr(depth)) for k in uniq))

    def block(self, depth: int = 0) -> TfBlock:
        labels = tuple(self.name() for _ in range(self.r.randint(0, 2)))
        b = TfBlock(self.r.choice(("resource", "settings", "dynamic", "locals")), labels)
        if self.r.random() < .3:
            b.note("a block comment\nover two lines")
        for _ in range(self.r.randint(0, 7)):
            if depth < 2 and self.r.random() < .25:
                b.items.append(self.block(depth + 1))
            else:
                comment = "why this value" if self.r.random() < .2 else None
                b.set(self.name(), self.expr(), comment=comment)
        return b


@needs_terraform
def test_random_block_trees_are_canonical(tmp_path: Path) -> None:
    texts = {}
    for seed in range(300):
        g = _Gen(seed)
        text = render_blocks([g.block() for _ in range(g.r.randint(1, 3))])
        texts[seed] = text
        (tmp_path / f"tree_{seed:03d}.tf").write_text(text)
    changed = fmt_changes(tmp_path)
    if changed:
        first = int(Path(changed[0]).stem.split("_")[1])
        pytest.fail(f"{len(changed)} of {len(texts)} generated trees are not canonical; seed "
                    f"{first}:\n{texts[first]}\n--- terraform fmt ---\n{fmt_text(texts[first])}")


@needs_terraform
def test_golden_terraform_outputs_are_canonical() -> None:
    dirs = sorted(d for d in (ROOT / "golden").glob("*/expected/*")
                  if d.is_dir() and any(d.rglob("*.tf")))
    assert len(dirs) > 30
    changed = fmt_changes(*dirs)
    assert not changed, "terraform fmt would rewrite:\n" + "\n".join(changed)


def _translate(out: Path, *extra: str) -> int:
    r = CliRunner().invoke(main, [str(ROOT / "examples" / "ovh-platform"), "--target", "gke",
                                  "--out", str(out), *extra], catch_exceptions=False)
    return r.exit_code


@needs_terraform
def test_example_output_is_canonical_and_stays_fresh_after_fmt(tmp_path: Path) -> None:
    out = tmp_path / "gke"
    assert _translate(out) in (0, 1)
    assert sorted(out.rglob("*.tf")), "the example wrote no Terraform"
    assert fmt_changes(out) == []
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    subprocess.run([str(TERRAFORM), "fmt", "-no-color", "-recursive", str(out)], check=True,
                   capture_output=True, env=ENV, timeout=300)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    # `terraform fmt` in CI and our freshness check agree: the formatted output is current.
    assert _translate(out, "--check") == 0


def test_empty_lifecycle_and_timeouts_are_not_written() -> None:
    b = TfBlock("resource", ("google_compute_network", "n"))
    b.set("name", lit("n"))
    b.block("timeouts")
    b.block("lifecycle", comment="every ignore_changes entry was dropped")
    b.block("access_config")  # empty but meaningful: an ephemeral external IP
    assert render_blocks([b]) == (
        'resource "google_compute_network" "n" {\n'
        '  name = "n"\n'
        "\n"
        "  access_config {}\n"
        "\n"
        "  # every ignore_changes entry was dropped\n"
        "}\n")


@needs_terraform
def test_check_command_calls_fmt_output_fresh(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples" / "ovh-platform", tmp_path / "infra")
    (tmp_path / "iac-translate.yaml").write_text(
        "translations:\n  - inputs: [infra]\n    target: gke\n    out: gke\n")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["check", "--fix"], catch_exceptions=False).exit_code == 0
    assert fmt_changes(tmp_path / "gke") == []
    subprocess.run([str(TERRAFORM), "fmt", "-no-color", "-recursive", str(tmp_path / "gke")],
                   check=True, capture_output=True, env=ENV, timeout=300)
    r = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert r.exit_code == 0, r.output


def test_variable_types_are_written_as_fmt_writes_them() -> None:
    blocks = []
    for name, t in (("a", v("list")), ("b", lit("string")), ("c", lit("map")), ("d", v("set"))):
        b = TfBlock("variable", (name,))
        b.set("type", t)
        blocks.append(b)
    assert [line.strip() for line in render_blocks(blocks).splitlines() if "type" in line] == [
        "type = list(any)", "type = string", "type = map(string)", "type = set(any)"]
