#!/usr/bin/env python3
"""Benchmark: our HCL frontend and full GKE translation vs python-hcl2, in one run.

Usage: python bench/run.py [N ...] [--runs 5]

For each N, generates an N-resource OVH module with bench/gen_ovh.py, then times on the same
files: python-hcl2 `loads` (its dict API) and `parses_to_tree` (its bare Lark LALR parse,
the cost of a Lark-based parser before any transformation); our frontend (parse + IR of all
modules); and our whole translation to GKE (frontend + lowering + emission).  Every figure is
the best of several runs (python-hcl2: 2) so that machine noise does not favour either side.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
from pathlib import Path

import hcl2
from iac_translate.compiler.api import translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import loader
from timing import best

HERE = Path(__file__).resolve().parent



def _frontend(root: Path) -> None:
    """What `translate` does before lowering, with the same GC setting."""
    gc.disable()
    try:
        sink = Sink()
        sources, roots = loader.collect([root], sink)
        loader.build_model(sources, roots, sink)
        assert not sink.has_errors
    finally:
        gc.enable()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"{'resources':>9} {'MB':>5} {'hcl2 loads':>10} {'hcl2 tree':>9} {'frontend':>8} "
          f"{'translate':>9} {'frontend x':>10} {'translate x':>11} {'frontend res/s':>14}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            subprocess.run([sys.executable, str(HERE / "gen_ovh.py"), str(n), tmp], check=True,
                           capture_output=True)
            files = sorted(root.rglob("*.tf"))
            texts = [f.read_text(encoding="utf-8") for f in files]
            mb = sum(len(t.encode()) for t in texts) / 1e6
            ours = best(lambda r=root: _frontend(r), args.runs)
            full = best(lambda r=root: translate(r, "gke"), args.runs)
            theirs = best(lambda ts=texts: [hcl2.loads(t) for t in ts], 2)
            tree = best(lambda ts=texts: [hcl2.parses_to_tree(t) for t in ts], 2)
            print(f"{n:>9} {mb:>5.2f} {theirs:>9.2f}s {tree:>8.2f}s {ours:>7.3f}s "
                  f"{full:>8.3f}s {theirs / ours:>10.1f} {theirs / full:>11.1f} "
                  f"{n / ours:>14.0f}", flush=True)


if __name__ == "__main__":
    main()
