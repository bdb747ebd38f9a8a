#!/usr/bin/env python3
"""Benchmark what users run: whole `iac-translate` processes against python-hcl2 and hcl2json.

Usage: python bench/run.py [--sizes 500 2000 20000 [50000]] [--ai-share 0.25]
                           [--targets eks aks scaleway] [--no-hcl2] [--no-hcl2json]
                           [--keep DIR]

For each size N, generates an N-resource OVH module (bench/gen_ovh.py) and N x `--ai-share`
AI workloads (bench/gen_ai.py: `ovhai` command lines and API bodies), then runs once each, as
a new process with its diagnostics written to a file as a user's terminal or CI log gets them:
`iac-translate DIR --target gke --out OUT`, `report`, `lint`, `check` (a configuration with
that one translation, then again unchanged: the warm/cold ratio), `--target k8s` and
`--target helm` on the AI workloads; python-hcl2 `load` of every file (in this process, import
excluded) and HashiCorp's parser (`@cdktf/hcl2json`, WASM, installed from npm into the user's
cache directory; skipped with a note when npm is missing) as one whole process parsing every
file.  Each command runs with an empty cache directory of its own (XDG_CACHE_HOME), except
the warm `check`.  Prints one Markdown table: seconds, milliseconds per resource (workload
for the AI targets) and its ratio to the first size (1.00x = linear), our speed-up over
both parsers, and the peak RSS of the gke translation (and its ratio to the input size).
One run per size: ratios are taken within one run, on the same files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
HCL2JSON = "@cdktf/hcl2json@0.21.0"


@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int


def run(argv: list[str], cwd: Path, cache: Path, log: Path) -> Run:
    """One whole process: wall time and peak RSS (wait4's rusage of that child alone)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), NO_COLOR="1", COLUMNS="100")
    with open(log, "wb") as out:
        t = time.perf_counter()
        p = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, p.returncode)


def tool() -> list[str]:
    exe = Path(sys.executable).with_name("iac-translate")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "iac_translate.compiler.cli"]


def hcl2json_modules() -> Path | None:
    """node_modules holding HashiCorp's parser, installed once into the cache directory."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    prefix = cache / "iac-translate-bench" / "npm"
    if not (prefix / "node_modules" / "@cdktf" / "hcl2json").is_dir():
        p = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                            "--prefix", str(prefix), HCL2JSON], capture_output=True, text=True)
        if p.returncode != 0:
            print(f"note: could not install {HCL2JSON}: {p.stderr.strip()[:200]}",
                  file=sys.stderr)
            return None
    return prefix / "node_modules"


def hcl2_load(files: list[Path]) -> float:
    import hcl2
    t = time.perf_counter()
    for f in files:
        with open(f, encoding="utf-8") as fh:
            hcl2.load(fh)
    return time.perf_counter() - t


def generate(script: str, n: int, out: Path) -> None:
    subprocess.run([sys.executable, str(HERE / script), str(n), str(out)], check=True,
                   capture_output=True)


def measure(n: int, work: Path, args: argparse.Namespace, modules: Path | None) -> dict:
    tf, ai = work / "ovh", work / "ai"
    generate("gen_ovh.py", n, tf)
    n_ai = max(1, round(n * args.ai_share))
    generate("gen_ai.py", n_ai, ai)
    files = sorted(tf.rglob("*.tf"))
    mb = sum(f.stat().st_size for f in files) / 1e6
    (work / "iac-translate.yaml").write_text(
        "translations:\n  - inputs: [ovh]\n    target: gke\n    out: gke\n", encoding="utf-8")
    it = tool()
    logs = work / "logs"
    logs.mkdir()

    def go(name: str, argv: list[str], cache: str | None = None) -> Run:
        r = run(it + argv, work, work / "cache" / (cache or name), logs / f"{name}.txt")
        if r.code not in (0, 1):  # 1: the generated inputs have errors on purpose
            tail = (logs / f"{name}.txt").read_text(errors="replace")[-400:]
            sys.exit(f"{name} at {n} resources exited {r.code}:\n{tail}")
        return r

    row: dict = {"n": n, "mb": mb, "n_ai": n_ai}
    row["gke"] = go("gke", ["ovh", "--target", "gke", "--out", "gke"])
    row["report"] = go("report", ["report", "ovh", "--target", "gke"])
    row["lint"] = go("lint", ["lint", "ovh"])
    row["check"] = go("check", ["check", "--config", "iac-translate.yaml"])
    row["warm"] = go("check-warm", ["check", "--config", "iac-translate.yaml"], "check")
    row["k8s"] = go("k8s", ["ai", "--target", "k8s", "--out", "k8s"])
    row["helm"] = go("helm", ["ai", "--target", "helm", "--out", "helm"])
    for t in args.targets:  # the other Terraform targets, same module, same cold start
        row[f"t-{t}"] = go(t, ["ovh", "--target", t, "--out", t])
    row["hcl2"] = hcl2_load(files) if args.hcl2 else None
    row["hcl2json"] = None
    if modules is not None:
        env = dict(os.environ, NODE_PATH=str(modules))
        t = time.perf_counter()
        subprocess.run(["node", str(HERE / "hcl2json_parse.js"), *map(str, files)], check=True,
                       env=env, capture_output=True)
        row["hcl2json"] = time.perf_counter() - t
    return row


def table(rows: list[dict], notes: list[str]) -> str:
    first = rows[0]

    def cell(row: dict, key: str, per: str = "n") -> str:
        s = row[key].seconds
        ms = 1000 * s / row[per]
        base = 1000 * first[key].seconds / first[per]
        return f"{s:.2f} s, {ms:.3f} ms ({ms / base:.2f}x)"

    head = ["resources", "input MB", "translate gke", "report", "lint", "check",
            "check warm/cold", "AI workloads", "k8s", "helm", "python-hcl2 load",
            "hcl2json process", "gke vs hcl2", "gke vs hcl2json", "gke peak RSS"]
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in rows:
        gke = r["gke"].seconds
        hcl2 = f"{r['hcl2']:.2f} s" if r["hcl2"] is not None else "skipped"
        hj = f"{r['hcl2json']:.2f} s" if r["hcl2json"] is not None else "skipped"
        out.append("| " + " | ".join([
            f"{r['n']:,}", f"{r['mb']:.2f}", cell(r, "gke"), cell(r, "report"), cell(r, "lint"),
            cell(r, "check"), f"{r['warm'].seconds / r['check'].seconds:.2f}", f"{r['n_ai']:,}",
            cell(r, "k8s", "n_ai"), cell(r, "helm", "n_ai"), hcl2, hj,
            f"{r['hcl2'] / gke:.1f}x" if r["hcl2"] is not None else "-",
            f"{r['hcl2json'] / gke:.2f}x" if r["hcl2json"] is not None else "-",
            f"{r['gke'].rss_mb:.0f} MB ({r['gke'].rss_mb / r['mb']:.0f}x input)"]) + " |")
    others = [k for k in first if k.startswith("t-")]
    if others:  # one more table: every target's translate, linear or not
        head = ["resources", *(f"translate {k[2:]}" for k in others),
                *(f"{k[2:]} peak RSS" for k in others)]
        out += ["", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        out += ["| " + " | ".join([f"{r['n']:,}", *(cell(r, k) for k in others),
                                   *(f"{r[k].rss_mb:.0f} MB" for k in others)]) + " |"
                for r in rows]
    return "\n".join(out + [""] + notes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[500, 2000, 20000])
    ap.add_argument("--ai-share", type=float, default=0.25,
                    help="AI workloads generated per resource (default 0.25)")
    ap.add_argument("--no-hcl2", dest="hcl2", action="store_false")
    ap.add_argument("--no-hcl2json", dest="hcl2json", action="store_false")
    ap.add_argument("--targets", nargs="*", default=[], choices=["eks", "aks", "scaleway"],
                    help="also translate the module for these targets (one more table)")
    ap.add_argument("--keep", type=Path, help="keep the generated inputs and logs here")
    args = ap.parse_args()
    notes = [f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
             f"{os.getloadavg()[0]:.1f} at the start; one run per size; in parentheses: "
             "time per resource relative to the first size (1.00x = linear)."]
    # An installed wheel holds compiled bytecode; a checkout with PYTHONDONTWRITEBYTECODE
    # set (CI images, this sandbox) would compile every module in every timed process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "compiler"),
                    str(HERE.parent / "targets")], check=False, capture_output=True)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        notes.append("bytecode compiled before timing (PYTHONDONTWRITEBYTECODE is set here; "
                     "an installed wheel is compiled at install).")
    modules = hcl2json_modules() if args.hcl2json else None
    if args.hcl2json and modules is None:
        notes.append("hcl2json skipped: node/npm not available or the install failed.")
    rows = []
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
        try:
            rows.append(measure(n, work, args, modules))
            print(f"{n}: done in {sum(v.seconds for v in rows[-1].values() if isinstance(v, Run)):.0f} s",
                  file=sys.stderr, flush=True)
        finally:
            if args.keep:
                shutil.copytree(work, args.keep / str(n), dirs_exist_ok=True)
            shutil.rmtree(work, ignore_errors=True)
    print(table(rows, notes))


if __name__ == "__main__":
    main()
