"""Bounded fuzzing in the suite: mutated golden inputs never raise, never give IT9xx, never hang.

The mutators are bench/fuzz.py's (which runs hundreds of thousands of inputs); here a fixed
seed and 2,000 inputs per frontend (hcl, tfjson, body, cli, mks) through api.translate,
api.lint and, for one in ten, report.build, each under a 10-second deadline.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import fuzz  # noqa: E402

PER_FRONTEND = 2000


@pytest.mark.parametrize("frontend", ["hcl", "tfjson", "body", "cli", "mks"])
def test_mutated_inputs_never_crash(frontend: str) -> None:
    stats = fuzz.run(PER_FRONTEND, seed=20260801, deadline=10.0,
                     frontends=(frontend,))[frontend]
    assert stats.inputs == PER_FRONTEND
    assert stats.exceptions == [] and stats.internal == [] and stats.hangs == []
    # The mutations reach the readers' error paths, not only their happy paths.
    assert stats.codes["IT1xx"] > PER_FRONTEND // 4


def test_seeds_cover_every_frontend() -> None:
    pools = fuzz.seeds()
    assert {fe: len(s) > 0 for fe, s in pools.items()} == dict.fromkeys(
        ("body", "cli", "hcl", "mks", "tfjson"), True)


def test_nasty_shapes_in_every_seed_position() -> None:
    """Each nasty shape inserted at a few places of one seed per frontend."""
    pools = fuzz.seeds()
    stats = fuzz.Stats()
    for fe, seeds in sorted(pools.items()):
        s = seeds[0]
        for nasty in fuzz.NASTY:
            for at in (0, len(s.text) // 2, len(s.text)):
                fuzz.check_one(fe, s.rel, s.text[:at] + nasty + s.text[at:], stats, 10.0,
                               with_report=False)
    assert stats.exceptions == [] and stats.internal == [] and stats.hangs == []
