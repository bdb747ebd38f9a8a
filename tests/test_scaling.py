"""No quadratic path comes back: calls between functions grow like the input, counted, not timed.

Each command runs as a user runs it (the CLI in process, text diagnostics rendered, files
written, an empty cache) on a generated input and on one 8 times as large (bench/gen_ovh.py,
bench/gen_ai.py).  cProfile counts the calls along every edge caller -> callee, which does not
depend on the machine's load.  In a linear command every edge grows about 8 times; a lookup
that scans every object for each object (a loop calling `isinstance`, `.get`, a generator
or a helper per element) makes its edge grow 8 x 8 = 64 times: issue 11's scans did so
(find_variable, lower_user, report's assignment, the k8s Service selection: 50-67x).
"""

from __future__ import annotations

import cProfile
import pstats
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler import secrets
from iac_translate.compiler.cli import main
from iac_translate.compiler.hcl import printer

BENCH = Path(__file__).resolve().parent.parent / "bench"
SMALL, FACTOR = 40, 8
LIMIT = 2 * FACTOR  # linear edges measure 6-12x here (the generator's mix varies a little)
FEW, FEW_LIMIT = 5, 3 * LIMIT  # (an edge of 5 calls that grows linearly ends near 16x)
Edge = tuple[tuple[str, int, str], tuple[str, int, str]]


def _generate(script: str, n: int, out: Path) -> None:
    subprocess.run([sys.executable, str(BENCH / script), str(n), str(out)], check=True,
                   capture_output=True)


def _edges(argv: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch,
           profile: bool = True) -> tuple[dict[Edge, int], int]:
    monkeypatch.chdir(cwd)
    caches = len(list(cwd.glob("cache-*")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cwd / f"cache-{caches}"))  # every run is cold
    # Cold memos: texts cached by earlier tests would make the small run look cheaper.
    for fn in (secrets.secret_name, secrets.placeholder, secrets.secret_value, secrets.redact):
        fn.cache_clear()
    printer._QUOTED.clear()  # (the printer's quoted short strings, kept across runs)
    prof = cProfile.Profile()
    if profile:
        prof.enable()
    result = CliRunner().invoke(main, argv)
    prof.disable()
    assert result.exit_code in (0, 1), (result.output[-2000:], result.exception)
    if not profile:
        return {}, 0
    stats = pstats.Stats(prof)
    edges = {(caller, callee): calls[0]
             for callee, (*_, callers) in stats.stats.items()  # type: ignore[attr-defined]
             for caller, calls in callers.items()}
    return edges, int(stats.total_calls)  # type: ignore[attr-defined]


def _setup(root: Path, n: int) -> Path:
    _generate("gen_ovh.py", n, root / "ovh")
    _generate("gen_ai.py", n // 2, root / "ai")
    (root / "iac-translate.yaml").write_text(
        "translations:\n  - inputs: [ovh]\n    target: gke\n    out: gke\n", encoding="utf-8")
    return root


COMMANDS = {
    "translate-gke": ["ovh", "--target", "gke", "--out", "gke"],
    "translate-eks": ["ovh", "--target", "eks", "--out", "eks"],
    "translate-scaleway": ["ovh", "--target", "scaleway", "--out", "scaleway"],
    "translate-aks": ["ovh", "--target", "aks", "--out", "aks"],
    "report": ["report", "ovh", "--target", "gke"],
    "lint": ["lint", "ovh"],
    "check": ["check", "--config", "iac-translate.yaml"],
    "translate-k8s": ["ai", "--target", "k8s", "--out", "k8s"],
    "translate-helm": ["ai", "--target", "helm", "--out", "helm"],
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return (_setup(tmp_path_factory.mktemp("small"), SMALL),
            _setup(tmp_path_factory.mktemp("large"), SMALL * FACTOR))


def _name(f: tuple[str, int, str]) -> str:
    return f"{Path(f[0]).name}:{f[1]}({f[2]})"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_calls_grow_linearly(command: str, inputs: tuple[Path, Path],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = inputs
    argv = COMMANDS[command]
    if command == "check":  # a fresh output: check compares it, as a pre-commit hook does
        for root in inputs:
            _edges(COMMANDS["translate-gke"], root, monkeypatch, profile=False)
    a, _ = _edges(argv, small, monkeypatch)
    b, total = _edges(argv, large, monkeypatch)
    # Edges the small input exercises enough to compare, and that matter in the large run.
    # Edges the small input makes only a few times are compared too, at a higher factor: a
    # scan per network of a module's few databases (6 calls in the small run) grew 57x.
    grown = sorted((n / a[e], n, a[e], e) for e, n in b.items()
                   if (a.get(e, 0) >= 20 and n >= total / 2000 and n > LIMIT * a[e]) or
                   (a.get(e, 0) >= FEW and n > FEW_LIMIT * a[e]))
    assert not grown, f"{command}: calls grew faster than the input ({FACTOR}x): " + "; ".join(
        f"{_name(e[0])} -> {_name(e[1])} {r:.0f}x ({m:,} -> {n:,})" for r, n, m, e in grown[-5:])
