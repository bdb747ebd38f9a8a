"""secrets.find's name pre-filter: skipping _assigned/_NAME_VALUE changes no result."""

from __future__ import annotations

import random
from pathlib import Path

from iac_translate.compiler import secrets as S

ROOT = Path(__file__).resolve().parent.parent


def _unfiltered(text: str) -> list[tuple[int, int]]:
    spans = S._spans(text) + S._assigned(text) + [
        m.span("val") for m in S._NAME_VALUE.finditer(text)
        if S.secret_name(m.group("n")) and not S.placeholder(m.group("val"))]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def test_every_credential_word_holds_a_root() -> None:
    for word in S._STRONG + S._EXACT:
        assert S._may_name_secret(word) and S._may_name_secret(f"x-{word.upper()}_y")


def test_filtered_equals_unfiltered() -> None:
    texts = [line for p in sorted(ROOT.glob("golden/*/expected/*/diagnostics.txt"))
             for line in p.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(2)
    pieces = ["api", "K", "ey", "key", "apik", "\u0130", "\u212a", "-", "_", " ", "=", ":",
              '"', "'", "--", "pass", "PASS", "pa", "ss", "sec", "ret", "Tok", "en", "\u00e9",
              "name", "value", ",", "hunter2", "Secret", "pwd", "DSN", "x9Qz"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
              for _ in range(30000)]
    assert len(texts) > 30500
    found = 0
    for t in texts:
        want = _unfiltered(t)
        assert S.find(t) == want, t
        found += bool(want)
    assert found > 100  # the names path was exercised
