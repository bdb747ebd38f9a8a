#!/usr/bin/env python3
"""Fuzz every frontend with mutated golden inputs: no exception, no IT9xx, no hang.

Usage: python bench/fuzz.py [N] [--seed S] [--deadline SECONDS]

N inputs in all (default 200,000), spread over the frontends (hcl, tfjson, body, cli, mks);
each goes through api.translate and api.lint, and every tenth through report.build.  Prints
per frontend: inputs, diagnostics by code range, IT9xx, exceptions, hangs, the slowest input.
tests/test_fuzz.py runs the same mutators for a few thousand inputs.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"

# Shapes that broke readers once (issue 8) or sit on a limit: tags, aliases, escapes, long
# numbers, Unicode digits, non-finite numbers, deep nesting, surrogates.
NASTY = ("!!int abc", "!custom x", "!!python/object:os.system x", "&a [*a]", "*a", "&a",
         "\\uD800", "\\UFFFFFFFF", "\\U00110000", "\\uDC00\\uD800", "\\ud83d\\ude00",
         "9" * 4301, "1e999", "-1e999", "nan", "NaN", ".nan", ".inf", "-.inf", "Infinity",
         "٣", "²", "１２", "99999999999", "-1", "0", "2147483648", "9223372036854775808",
         "[" * 80, "]" * 80, "{" * 80, "}" * 80, "(" * 80, "${" * 40, '"', "'", "\\", "`",
         "<<EOT\n", "\nEOT\n", "%{ if", "%{ endif }", "${", "}", "\x00", "\ufeff", "\r\n",
         "- - - - - - -", "a.b.c.d.e.f.g.h.i.j", "1+" * 70 + "1", "!" * 70 + "x",
         "metadata: 3", "annotations: [1]", "ports: 4", "spec: [1]", "containers: {}",
         "env: x", "items: 5", "kind: List", "apiVersion: v1", "ovhai app run ",
         "--gpu ", "--cpu ", "--replicas ", "--timeout ", "--default-http-port ",
         "--auto-custom-target-value ", "--volume ", "--env ", "\\\n", "#", "//", "/*")


@dataclass(frozen=True)
class Seed:
    frontend: str
    rel: str
    text: str


def frontend_of(rel: str, text: str) -> str | None:
    if rel.endswith(".tf.json"):
        return "tfjson"
    if rel.endswith(".tf"):
        return "hcl"
    if rel.endswith((".yaml", ".yml", ".json")):
        return "mks" if "apiVersion" in text and "kind" in text else "body"
    if rel.endswith((".sh", ".md", ".txt", ".mk")) or rel.endswith("Makefile"):
        return "cli"
    return None


def seeds() -> dict[str, list[Seed]]:
    """Every golden input file, by frontend (read as text; undecodable files skipped)."""
    out: dict[str, list[Seed]] = {}
    for f in sorted(GOLDEN.glob("*/input/**/*")):
        if not f.is_file():
            continue
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        fe = frontend_of(f.name, text)
        if fe:
            out.setdefault(fe, []).append(Seed(fe, f.name, text))
    return out


def mutate(rng: random.Random, text: str, others: list[Seed]) -> str:
    """One to four random edits: replace, insert, delete, duplicate, splice, nest, nasty."""
    for _ in range(rng.randint(1, 4)):
        n = len(text)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.choice((1, 2, 4, 16, 64, 256)))
        op = rng.randrange(8)
        if op == 0 and n:  # one character replaced by a random one (often ASCII punctuation)
            c = rng.choice(('"', "{", "}", "[", "]", ":", "=", "\n", " ", "\\", "$", "%",
                            chr(rng.randrange(32, 127)), chr(rng.randrange(0x80, 0x3000))))
            text = text[:i] + c + text[i + 1:]
        elif op == 1:
            text = text[:i] + rng.choice(NASTY) + text[i:]
        elif op == 2:
            text = text[:i] + text[j:]
        elif op == 3:
            text = text[:j] + text[i:j] * rng.choice((2, 3, 50)) + text[j:]
        elif op == 4 and others:  # splice a slice of another seed of the same frontend
            o = rng.choice(others).text
            a = rng.randrange(len(o) + 1)
            text = text[:i] + o[a:a + rng.randrange(1, 400)] + text[j:]
        elif op == 5:  # wrap a slice in many brackets
            k = rng.choice((3, 40, 70, 200))
            o, c = rng.choice((("[", "]"), ("{", "}"), ("(", ")"), ("- ", "")))
            text = text[:i] + o * k + text[i:j] + c * k + text[j:]
        elif op == 6:  # a number replaced by a nasty one
            digits = [k for k, ch in enumerate(text) if ch.isdigit()]
            if digits:
                k = rng.choice(digits)
                text = text[:k] + rng.choice(NASTY[11:28]) + text[k + 1:]
        else:  # truncate
            text = text[:i]
    return text


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang


@dataclass
class Stats:
    inputs: int = 0
    codes: Counter[str] = field(default_factory=Counter)  # "IT1xx" ranges
    internal: list[str] = field(default_factory=list)  # IT9xx messages
    exceptions: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")


TARGET = {"hcl": "gke", "tfjson": "gke", "body": "k8s", "cli": "k8s", "mks": "k8s"}


def check_one(fe: str, rel: str, text: str, stats: Stats, deadline: float,
              with_report: bool) -> None:
    """Run one input through every entry point; record what went wrong in `stats`."""
    from iac_translate.compiler import api, report
    stats.inputs += 1
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, deadline)
    try:
        diags = list(api.translate({rel: text}, TARGET[fe]).diagnostics)
        diags += api.lint({rel: text})
        if with_report:
            diags += report.build({rel: text}, TARGET[fe])[1].diagnostics
    except Hang:
        stats.hangs.append(repr(text[:200]))
        return
    except BaseException as e:  # noqa: BLE001 - what the fuzzer looks for
        tb = traceback.extract_tb(e.__traceback__)[-1]
        stats.exceptions.append(f"{type(e).__name__} at {Path(tb.filename).name}:{tb.lineno}: "
                                f"{text[:200]!r}")
        return
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    took = time.perf_counter() - start
    if took > stats.slowest[0]:
        stats.slowest = (took, repr(text[:80]))
    for d in diags:
        stats.codes[d.code[:3] + "xx"] += 1
        if d.code.startswith("IT9"):
            stats.internal.append(f"{d.message} in {text[:200]!r}")


def run(per_frontend: int, seed: int = 0, deadline: float = 10.0,
        frontends: tuple[str, ...] = ()) -> dict[str, Stats]:
    rng = random.Random(seed)
    pools = seeds()
    out: dict[str, Stats] = {}
    for fe in sorted(pools):
        if frontends and fe not in frontends:
            continue
        stats = out[fe] = Stats()
        for k in range(per_frontend):
            s = rng.choice(pools[fe])
            check_one(fe, s.rel, mutate(rng, s.text, pools[fe]), stats, deadline, k % 10 == 0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deadline", type=float, default=10.0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    results = run(args.n // 5, args.seed, args.deadline)
    print(f"{'frontend':8} {'inputs':>8} {'IT0xx':>7} {'IT1xx':>7} {'IT2xx':>7} {'IT3xx':>7} "
          f"{'IT9xx':>6} {'exc':>4} {'hangs':>5}  slowest")
    for fe, s in results.items():
        print(f"{fe:8} {s.inputs:>8} {s.codes['IT0xx']:>7} {s.codes['IT1xx']:>7} "
              f"{s.codes['IT2xx']:>7} {s.codes['IT3xx']:>7} {len(s.internal):>6} "
              f"{len(s.exceptions):>4} {len(s.hangs):>5}  {s.slowest[0]:.3f}s {s.slowest[1]}")
    for fe, s in results.items():
        for line in (s.internal + s.exceptions + s.hangs)[:20]:
            print(f"{fe}: {line[:300]}")
    total = sum(s.inputs for s in results.values())
    print(f"{total} inputs in {time.perf_counter() - t0:.0f} s")
    sys.exit(1 if any(s.internal or s.exceptions or s.hangs for s in results.values()) else 0)


if __name__ == "__main__":
    main()
