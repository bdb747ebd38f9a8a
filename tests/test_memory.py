"""Memory of a translation stays linear in its input and within a generous multiple of it.

Not timed: tracemalloc's peak of `api.translate` (gke, the cache on, as the CLI runs it) on a
generated module (bench/gen_ovh.py) and on one 8 times as large.  A path that keeps every
intermediate form alive, or leaks per element, grows faster than the input; the bound per
input byte catches a constant factor coming back (the peak was 53x the input at 2,000
resources before the collector ran during lowering and cache entries were streamed, 40x
before emitted blocks were slotted and unmasked messages stopped being copied; about 35x
now, the interpreter's own allocations excluded).
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from iac_translate.compiler import api, cache

BENCH = Path(__file__).resolve().parent.parent / "bench"
SMALL, FACTOR = 100, 8
PER_BYTE = 60  # bound on peak / input bytes at the large size (measured about 35)


def _peak(tmp: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    src = tmp / f"ovh{n}"
    subprocess.run([sys.executable, str(BENCH / "gen_ovh.py"), str(n), str(src)], check=True,
                   capture_output=True)
    size = sum(p.stat().st_size for p in src.rglob("*.tf"))
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(tmp / f"cache{n}"))
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    tracemalloc.start()
    try:
        with cache.enabled():
            result = api.translate([src], "gke")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.files and list((tmp / f"cache{n}").rglob("*.json"))
    return size, peak


def test_peak_memory_is_linear_and_bounded(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    api.translate({"warm.tf": 'resource "ovh_cloud_project_kube" "k" {}\n'}, "gke")  # imports
    small_size, small = _peak(tmp_path, SMALL, monkeypatch)
    large_size, large = _peak(tmp_path, SMALL * FACTOR, monkeypatch)
    grew, inputs = large / small, large_size / small_size
    # Linear: the peak grows no faster than the input (fixed costs make it grow less).
    assert grew <= 1.5 * inputs, (f"peak grew {grew:.1f}x for {inputs:.1f}x the input: "
                                  f"{small / 1e6:.1f} -> {large / 1e6:.1f} MB")
    assert large <= PER_BYTE * large_size, (f"peak {large / 1e6:.1f} MB is "
                                            f"{large / large_size:.0f}x the input")
