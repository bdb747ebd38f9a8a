#!/usr/bin/env python3
"""Benchmark: the pre-commit hooks' cost on a small change (a 10-file module), in one run.

Usage: python bench/hooks.py [--runs 5]

Times `iac-translate lint` on the ten files of examples/ovh-platform (in process, and as the
hook runs it: a fresh `iac-translate` process, interpreter start-up included), and
`iac-translate check` on a one-translation project of the same module.  Also reports how the
in-process lint compares with python-hcl2 merely parsing the same files (a ratio from the
same run).  Every figure is the best of several runs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import hcl2
from iac_translate.compiler.lint import lint
from timing import best

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "examples" / "ovh-platform"



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    files = sorted(str(p) for p in MODULE.rglob("*.tf"))
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    exe = shutil.which("iac-translate") or sys.exit("install the project first (pip install -e .)")
    in_process = best(lambda: lint(list(files)), args.runs)
    hcl2_parse = best(lambda: [hcl2.loads(t) for t in texts], args.runs)
    hook = best(lambda: subprocess.run([exe, "lint", *files], capture_output=True), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(MODULE, Path(tmp) / "src")
        (Path(tmp) / "iac-translate.yaml").write_text(
            "translations:\n  - {inputs: [src], target: gke, out: out}\n", encoding="utf-8")
        subprocess.run([exe, "check", "--fix"], cwd=tmp, capture_output=True)
        check = best(lambda: subprocess.run([exe, "check"], cwd=tmp, capture_output=True),
                      args.runs)
    print(f"files: {len(files)} .tf ({sum(len(t) for t in texts) / 1e3:.0f} kB)")
    print(f"lint, in process:           {in_process * 1e3:7.1f} ms "
          f"({hcl2_parse / in_process:.1f}x faster than python-hcl2 parsing the same files)")
    print(f"lint hook (new process):    {hook * 1e3:7.1f} ms")
    print(f"check hook (new process):   {check * 1e3:7.1f} ms")


if __name__ == "__main__":
    main()
