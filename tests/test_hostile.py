"""Worst-case input shapes cost linear work, and every input limit is a clear diagnostic.

Nothing here is timed against a clock budget: work is counted (printer calls), or two sizes
are compared with a generous factor (linear work grows 4x for 4x the input, quadratic 16x).
An alarm per test turns a hang into a failure.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from iac_translate.compiler import api, endpoints, limits
from iac_translate.compiler.hcl import printer


@pytest.fixture(autouse=True)
def alarm() -> Iterator[None]:
    def hang(*_: object) -> None:
        raise TimeoutError("a hostile shape took more than 120 s (exponential or quadratic?)")
    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _codes(r: api.Result | list) -> set[str]:
    return {d.code for d in (r if isinstance(r, list) else r.diagnostics)}


def _printer_calls(monkeypatch: pytest.MonkeyPatch, fn: Callable[[], object]) -> int:
    calls = [0]
    real = printer._Printer.expr

    def counting(self: printer._Printer, e: object) -> str:
        calls[0] += 1
        return real(self, e)  # type: ignore[arg-type]
    monkeypatch.setattr(printer._Printer, "expr", counting)
    fn()
    monkeypatch.setattr(printer._Printer, "expr", real)
    return calls[0]


def _nested_tuples(depth: int) -> str:
    # 106 bytes at depth 44: every level too wide for one line, so the printer breaks it.
    return 'output "o" {\n  value = ' + "[" * depth + '"' + "a" * 30 + '"' + "]" * depth + "\n}\n"


def _nested_calls_objects(depth: int) -> str:
    inner = '"' + "b" * 30 + '"'
    for i in range(depth):
        inner = f'{{ k{i} = f({inner}) }}' if i % 2 else f"[{inner}, 1]"
    return 'output "o" {\n  value = ' + inner + "\n}\n"


@pytest.mark.parametrize("shape", [_nested_tuples, _nested_calls_objects])
def test_printer_work_is_linear_in_nesting(monkeypatch: pytest.MonkeyPatch,
                                           shape: Callable[[int], str]) -> None:
    small = _printer_calls(monkeypatch, lambda: api.translate({"main.tf": shape(15)}, "gke"))
    large = _printer_calls(monkeypatch, lambda: api.translate({"main.tf": shape(60)}, "gke"))
    assert small > 15
    assert large <= 4 * small * 1.5, (small, large)  # 2**60 renders before the fix


def test_depth_44_tuples_translate_and_lint() -> None:
    src = 'output "o" {\n  value = ' + "[" * 44 + "1" + "]" * 44 + "\n}\n"
    assert _codes(api.translate({"main.tf": src}, "gke")) <= {"IT337"}
    api.lint({"main.tf": src})


def test_printer_breaks_exactly_where_the_width_says() -> None:
    # Rendering each item once (at the broken indentation) must keep the same layout.
    from iac_translate.compiler.ir import expr as E
    t = E.Tuple(tuple(E.Literal("x" * 10) for _ in range(5)))  # 70 characters on one line
    flat = "[" + ", ".join(['"xxxxxxxxxx"'] * 5) + "]"
    assert printer.to_hcl(t, 0) == flat
    assert printer.to_hcl(E.Tuple((t,)), 8) == f"[{flat}]"  # 72 + 8 = 80 still fits
    item = "\n".join(f'{" " * 13}"xxxxxxxxxx",' for _ in range(5))
    assert printer.to_hcl(E.Tuple((t,)), 9) == (  # neither fits: both break
        f"[\n{' ' * 11}[\n{item}\n{' ' * 11}],\n{' ' * 9}]")
    outer = E.Tuple((t, E.Literal("y")))  # 77 + 4 > 80, the inner 70 + 6 fits
    assert printer.to_hcl(outer, 4) == f'[\n      {flat},\n      "y",\n    ]'
    # An inline object keeps a breaking call argument at its own indentation (as before).
    call = E.Call("f", (E.Tuple((E.Literal("y" * 77),)),))  # 81 > 80: the list breaks
    assert printer.to_hcl(E.Object(((E.Var("a"), call),)), 0) == (
        '{ a = f([\n  "' + "y" * 77 + '",\n]) }')


def _nested_blocks(depth: int) -> str:
    body = "a = 1\n"
    for i in range(depth):
        body = f"blk{i} {{\n{body}}}\n"
    return 'resource "ovh_cloud_project_kube" "k" {\n  service_name = "s"\n' + body + "}\n"


def test_sixteen_nested_unknown_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    small = _printer_calls(monkeypatch, lambda: api.translate(
        {"main.tf": _nested_blocks(8)}, "gke"))
    large = _printer_calls(monkeypatch, lambda: api.translate(
        {"main.tf": _nested_blocks(32)}, "gke"))
    assert large <= 4 * max(small, 1) * 2, (small, large)
    assert "IT202" in _codes(api.translate({"main.tf": _nested_blocks(16)}, "gke"))
    api.lint({"main.tf": _nested_blocks(16)})


def _work(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def _ratio(make: Callable[[int], dict[str, str]], n: int, run: Callable[[dict[str, str]],
           object]) -> float:
    """Work at 4n over work at n. A warm-up first (lazy imports, tables), and the small size
    repeated until it adds up to 0.3 s, so a loaded machine or the clock's grain cannot
    make a linear path look quadratic."""
    run(make(10))
    small_in, large_in = make(n), make(4 * n)

    def per_run(files: dict[str, str]) -> float:
        # the fastest of several runs: a collection of the suite's garbage or a busy
        # neighbour only ever adds time (CI once saw the 4n run cross 8x that way)
        runs, spent, best = 0, 0.0, float("inf")
        while spent < 0.3 or runs < 3:
            gc.collect()
            took = _work(lambda: run(files))
            spent, runs, best = spent + took, runs + 1, min(best, took)
        return best
    return per_run(large_in) / max(per_run(small_in), 1e-4)


def _heredocs(n: int) -> dict[str, str]:
    body = "".join(f"  h{i} = <<EOT\nline {i}\nEOT\n" for i in range(n))
    return {"main.tf": "locals {\n" + body + '}\noutput "o" { value = local.h1 }\n'}


def _attributes(n: int) -> dict[str, str]:
    body = "".join(f"  a{i} = {i}\n" for i in range(n))
    return {"main.tf": "locals {\n" + body + '}\noutput "o" { value = local.a1 }\n'}


def _unknown_arguments(n: int) -> dict[str, str]:
    body = "".join(f"  a{i} = {i}\n" for i in range(n))
    return {"main.tf": 'resource "ovh_cloud_project_kube" "k" {\n' + body + "}\n"}


# Sizes where the quadratic TfBlock.set this replaced measured 9.9 (heredocs) and 13.4.
@pytest.mark.parametrize("make,n", [(_heredocs, 2500), (_attributes, 2500),
                                    (_unknown_arguments, 1000)])
def test_heredocs_and_attributes_in_one_block_are_linear(make: Callable[[int], dict[str, str]],
                                                         n: int) -> None:
    ratio = _ratio(make, n, lambda files: api.translate(files, "gke"))
    assert ratio < 8, ratio  # linear: about 4; quadratic: about 16
    ratio = _ratio(make, n, lambda files: api.lint(files))
    assert ratio < 8, ratio


def test_endpoint_pattern_is_linear_on_long_strings() -> None:
    def run(n: int) -> Callable[[], object]:
        return lambda: [endpoints.is_ovh(s) for s in ("a" * n, "ovh." * (n // 4),
                                                     "x-" * (n // 2) + "cloud.ovh.net")]
    small = min(_work(run(100_000)) for _ in range(2))
    large = min(_work(run(400_000)) for _ in range(2))
    assert large / max(small, 1e-3) < 9
    assert endpoints.is_ovh("x-" * 50_000 + "s3.gra.io.cloud.ovh.net")
    assert not endpoints.is_ovh("a" * 100_000 + ".ovh.network")
    value = "a" * 100_000
    src = f'locals {{\n  v = "{value}"\n}}\n'
    api.lint({"main.tf": src})


def test_yaml_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 600
    r = api.translate({"app.yaml": bomb}, "k8s")
    assert "IT112" in _codes(r)
    with limits.using(limits.parse_options(["aliases=5"])):
        small = api.translate({"app.yaml": "a: &x [1, 2]\nb: [*x, *x, *x, *x, *x, *x]\n"}, "k8s")
    assert "IT112" in _codes(small)
    assert "more than 5 repeated values" in " ".join(d.message for d in small.diagnostics)


def test_oversized_file_is_it115_and_never_read(tmp_path: Path) -> None:
    big = tmp_path / "big.tf"
    with big.open("wb") as f:  # a 50 MB one-line list (was a MemoryError)
        f.write(b"locals {\n  x = [" + b"1," * 25_000_000 + b"]\n}\n")
    (tmp_path / "ok.tf").write_text('locals {\n  a = 1\n}\n', encoding="utf-8")
    r = api.translate([tmp_path], "gke")
    it115 = [d for d in r.diagnostics if d.code == "IT115"]
    assert len(it115) == 1 and it115[0].span and it115[0].span.file == "big.tf"
    assert "file_bytes" in it115[0].message and "IT901" not in _codes(r)


def test_total_bytes_limit(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"f{i}.tf").write_text(f'locals {{\n  a{i} = "{"x" * 400}"\n}}\n')
    with limits.using(limits.parse_options(["total_bytes=1k"])):
        r = api.translate([tmp_path], "gke")
    msgs = [d.message for d in r.diagnostics if d.code == "IT115"]
    assert len(msgs) == 1 and "f2.tf" in msgs[0] and "total_bytes" in msgs[0]


def test_one_line_list_past_the_size_limit_is_a_diagnostic() -> None:
    text = "locals {\n  x = [" + "1," * 600_000 + "]\n}\n"  # 1.2 MB on one line
    with limits.using(limits.parse_options(["file_bytes=1m"])):
        assert _codes(api.translate({"main.tf": text}, "gke")) == {"IT115"}
    with limits.using(limits.parse_options(["items=100000"])):
        r = api.translate({"main.tf": text}, "gke")
    (d,) = r.diagnostics
    assert d.code == "IT116" and d.span and d.span.line == 2 and "100000" in d.message


@pytest.mark.parametrize("opening", ["f(", "{", ""])
def test_items_limit_in_calls_objects_and_bodies(opening: str) -> None:
    if opening == "f(":
        src = "locals {\n  x = f(" + ", ".join(["1"] * 20) + ")\n}\n"
    elif opening == "{":
        src = "locals {\n  x = {\n" + "".join(f"    k{i} = 1\n" for i in range(20)) + "  }\n}\n"
    else:
        src = "locals {\n" + "".join(f"  k{i} = 1\n" for i in range(20)) + "}\n"
    with limits.using(limits.parse_options(["items=10"])):
        assert _codes(api.translate({"main.tf": src}, "gke")) == {"IT116"}
    assert "IT116" not in _codes(api.translate({"main.tf": src}, "gke"))


def test_depth_limit_is_overridable() -> None:
    src = 'output "o" {\n  value = ' + "[" * 70 + "1" + "]" * 70 + "\n}\n"
    assert "IT109" in _codes(api.translate({"main.tf": src}, "gke"))
    with limits.using(limits.parse_options(["depth=100"])):
        assert "IT109" not in _codes(api.translate({"main.tf": src}, "gke"))
    with limits.using(limits.parse_options(["depth=3"])):
        r = api.translate({"main.tf": 'locals {\n  x = [[[[1]]]]\n}\n'}, "gke")
    assert [d.code for d in r.diagnostics] == ["IT109"] and "3 levels" in r.diagnostics[0].message


@pytest.mark.parametrize("bad,says", [
    ("itemz=3", "unknown limit `itemz`"), ("items=0", "at least 1"), ("items", "NAME=VALUE"),
    ("depth=lots", "positive integer"), ("depth=20000", "at most 10000")])
def test_bad_limit_option_is_a_usage_error(tmp_path: Path, bad: str, says: str) -> None:
    (tmp_path / "main.tf").write_text("locals {\n  a = 1\n}\n", encoding="utf-8")
    exe = str(Path(sys.executable).parent / "iac-translate")
    for cmd in ([exe, str(tmp_path), "--stdout"], [exe, "lint", str(tmp_path)],
                [exe, "report", str(tmp_path)]):
        p = subprocess.run([*cmd, "--limit", bad], capture_output=True, text=True, timeout=60)
        assert p.returncode == 2 and says in p.stderr, (cmd, p.stderr)
        assert "Traceback" not in p.stderr and "None" not in p.stderr


def test_limit_option_and_configuration(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text("locals {\n  a = [1, 2, 3, 4]\n}\n", encoding="utf-8")
    exe = str(Path(sys.executable).parent / "iac-translate")
    p = subprocess.run([exe, str(tmp_path / "main.tf"), "--stdout", "--limit", "items=2"],
                       capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert p.returncode == 1 and "error[IT116]" in p.stderr
    cfg = tmp_path / "iac-translate.yaml"
    cfg.write_text("translations:\n  - inputs: [main.tf]\n    target: gke\n    out: out\n"
                   "limits:\n  items: 2\n", encoding="utf-8")
    p = subprocess.run([exe, "lint", "main.tf"], capture_output=True, text=True, timeout=60,
                       cwd=tmp_path)
    assert "IT116" in p.stderr
    p = subprocess.run([exe, "lint", "main.tf", "--limit", "items=10"], capture_output=True,
                       text=True, timeout=60, cwd=tmp_path)
    assert "IT116" not in p.stderr  # the option wins over the configuration
    cfg.write_text(cfg.read_text() + "  depth: -1\n", encoding="utf-8")
    p = subprocess.run([exe, "check"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert p.returncode == 2 and "error[IT006]" in p.stderr and "depth" in p.stderr


def test_limits_parse_and_describe() -> None:
    lim = limits.parse_options(["file-bytes=2m", "total_bytes=1_000", "aliases=7"])
    assert (lim.file_bytes, lim.total_bytes, lim.aliases) == (2 * 1024 * 1024, 1000, 7)
    assert lim.depth == limits.DEFAULT.depth
    for name in limits.NAMES:
        assert name in limits.describe()


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_alias_bomb_peak_memory_stays_small(tmp_path: Path) -> None:
    """Billion laughs (9 levels of 9 aliases, 7.8 GB expanded before the bound): refused
    within a few MB of the interpreter's baseline, measured in a fresh process."""
    lines = ["a0: &a0 [" + ", ".join(['"' + "lol" * 10 + '"'] * 9) + "]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = ("import resource, sys\n"
            "from iac_translate.compiler import api\n"
            "api.translate({'x.yaml': 'a: 1'}, 'k8s')\n"  # imports and tables loaded first
            "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "r = api.translate([sys.argv[1]], 'k8s')\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base,"
            " ' '.join(sorted({d.code for d in r.diagnostics})))\n")
    out = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True,
                         timeout=120, env={**os.environ})
    grown_kib, codes = out.stdout.split(maxsplit=1)
    assert "IT112" in codes
    assert int(grown_kib) < 64 * 1024, grown_kib
