"""The final checks (self-check, secret pass, redaction) stay linear on every Terraform target,
and the self-check's one walk finds what its two separate walks found (counted, never timed)."""

from __future__ import annotations

import cProfile
import pstats
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler import secrets
from iac_translate.compiler.cli import main
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.endpoints import endpoints_in
from iac_translate.compiler.frontends import loader
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.hclwrite import TfAttr, TfBlock
from iac_translate.targets.tfbase import selfcheck_walk as W

ROOT = Path(__file__).resolve().parent.parent
SMALL, FACTOR = 40, 8
LIMIT = 2 * FACTOR  # linear edges grow 6-12x here (as in test_scaling)
# The modules whose calls are counted: those the checks run in. (A target's own lowering is
# test_scaling's, for gke; here every Terraform target is translated.)
MODULES = ("selfcheck.py", "selfcheck_walk.py", "secretpass.py", "secrets.py",
           "secret_names.py", "memo.py",
           "diagnostics.py", "render.py")


def _counted(argv: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch
             ) -> tuple[dict[tuple[str, str], int], int]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("IAC_TRANSLATE_NO_CACHE", "1")
    monkeypatch.setenv("IAC_TRANSLATE_JOBS", "1")  # every block checked in this process
    # Cold memos: texts cached by earlier tests would make the small run look cheaper.
    for fn in (secrets.secret_name, secrets.placeholder, secrets.secret_value, secrets.redact):
        fn.cache_clear()
    prof = cProfile.Profile()
    prof.enable()
    result = CliRunner().invoke(main, argv)
    prof.disable()
    assert result.exit_code in (0, 1), (result.output[-2000:], result.exception)
    stats = pstats.Stats(prof)
    edges: dict[tuple[str, str], int] = {}
    for callee, (*_, callers) in stats.stats.items():  # type: ignore[attr-defined]
        for caller, calls in callers.items():
            if Path(caller[0]).name in MODULES or Path(callee[0]).name in MODULES:
                key = (f"{Path(caller[0]).name}:{caller[1]}({caller[2]})",
                       f"{Path(callee[0]).name}:{callee[1]}({callee[2]})")
                edges[key] = edges.get(key, 0) + calls[0]
    return edges, int(stats.total_calls)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = []
    for n in (SMALL, SMALL * FACTOR):
        root = tmp_path_factory.mktemp(f"ovh{n}")
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_ovh.py"), str(n),
                        str(root / "ovh")], check=True, capture_output=True)
        out.append(root)
    return out[0], out[1]


@pytest.mark.parametrize("target", ["gke", "eks", "scaleway", "aks"])
def test_checks_grow_linearly(target: str, modules: tuple[Path, Path],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = modules
    argv = ["ovh", "--target", target, "--out", target]
    a, _ = _counted(argv, small, monkeypatch)
    b, total = _counted(argv, large, monkeypatch)
    assert any("selfcheck_walk.py" in e[1] for e in b)  # the checks ran and were counted
    grown = sorted((n / a[e], n, a[e], e) for e, n in b.items()
                   if a.get(e, 0) >= 20 and n >= total / 5000 and n > LIMIT * a[e])
    assert not grown, f"{target}: calls grew faster than the input ({FACTOR}x): " + "; ".join(
        f"{e[0]} -> {e[1]} {r:.0f}x ({m:,} -> {n:,})" for r, n, m, e in grown[-5:])


# --- the one walk against the two it replaces -------------------------------------------

def _refs(e: E.Expr, bound: frozenset[str] = frozenset()
          ) -> Iterator[tuple[E.Expr, str, list[E.Step]]]:
    """The self-check's reference walk as it was (recursive, generic children)."""
    if isinstance(e, E.Literal):
        return
    t = E.traversal(e)
    if t is not None:
        if t[0] not in bound:
            yield e, t[0], t[1]
        for kind, key in t[1]:
            if kind == "index" and isinstance(key, E.Expr):
                yield from _refs(key, bound)
    elif isinstance(e, E.ForExpr):
        yield from _refs(e.collection, bound)
        inner = bound | {v for v in (e.key_var, e.value_var) if v}
        for part in (e.value, e.key, e.cond):
            if part is not None:
                yield from _refs(part, inner)
    elif isinstance(e, E.Call):
        for arg in e.args:
            yield from _refs(arg, bound)
    else:
        for kid in E.children(e):
            yield from _refs(kid, bound)


ENDPOINTS = """locals {
  a = [for r in var.regions : "https://s3.${r}.io.cloud.ovh.net/${local.x[r]}"]
  b = { for k, v in var.m : k => "${v}.auth.cloud.ovh.net" if k != local.y }
  c = lookup(var.m["s3.gra.io.cloud.ovh.net"], "k", "api.ovh.com")
  d = var.x ? "ovh.net" : local.z[each.key][count.index]
  e = "${"api.ovh.com"}/${var.p}"
  f = [for i, r in var.l : [for s in r : "${i}-${s}-${var.q}"]]
}
"""


def _values() -> list[E.Expr]:
    dirs = sorted({p.parent for d in ("golden", "examples") for p in (ROOT / d).rglob("*.tf")})
    runs = [loader.collect([d], Sink(), set()) for d in dirs]
    runs.append((loader.Sources({"extra.tf": ENDPOINTS}), [""]))
    out: list[E.Expr] = []
    for sources, roots in runs:
        for module in loader.build_model(sources, roots, Sink()).modules:
            for node in module.nodes:
                out.extend(v for _, v in node.args)
    return out


def _same(a: list[tuple[object, ...]], b: list[tuple[object, ...]]) -> bool:
    return len(a) == len(b) and all(x[0] is y[0] and x[1:] == y[1:] for x, y in zip(a, b))


def test_one_walk_finds_what_the_two_found() -> None:
    values = _values()
    found = 0
    for value in values:
        refs: list[W.Ref] = []
        ends: list[W.End] = []
        block = TfBlock("resource", ("t", "n"), [TfAttr("x", value)])
        W.scan_block(block, frozenset(), refs, ends)
        assert _same(refs, list(_refs(value)))
        assert _same(ends, [(e, "x") for e in endpoints_in(value)])
        assert _same(W.scoped_refs(value), list(_refs(value)))
        found += len(ends)
    assert len(values) > 5000 and found >= 8  # the goldens and ENDPOINTS were read


def test_dynamic_iterators_and_skipped_attributes() -> None:
    ref, lit = E.ref, E.Literal
    inner = TfBlock("content", (), [TfAttr("cidr", ref("rule.value.cidr")),
                                    TfAttr("url", lit("https://api.ovh.com/1.0")),
                                    TfAttr("description", lit("see api.ovh.com"))])
    dyn = TfBlock("dynamic", ("ingress",), [TfAttr("for_each", ref("var.rules")),
                                           TfAttr("iterator", E.Var("rule")), inner])
    b = TfBlock("resource", ("t", "n"), [TfAttr("provider", ref("google.beta")),
                                         TfAttr("endpoint", lit("s3.gra.io.cloud.ovh.net")),
                                         dyn])
    refs: list[W.Ref] = []
    ends: list[W.End] = []
    W.scan_block(b, frozenset(), refs, ends)
    assert [r[1] for r in refs] == ["var"]  # `provider` is an address; `rule` is bound
    assert [(e.value, name) for e, name in ends] == [
        ("s3.gra.io.cloud.ovh.net", "endpoint"), ("https://api.ovh.com/1.0", "url")]
    only_ends: list[W.End] = []
    W.scan_block(b, frozenset(), None, only_ends)
    assert _same(only_ends, ends)
