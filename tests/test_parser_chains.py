"""CHAIN tokens (`a.b.c` lexed as one token) change nothing the parser builds or reports."""

from __future__ import annotations

import random
from dataclasses import fields
from pathlib import Path

import pytest
from iac_translate.compiler.hcl import parser as P
from iac_translate.compiler.hcl.lexer import CHAIN, LineIndex, tokenize

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(p for d in ("golden", "examples") for p in (ROOT / d).rglob("*.tf"))
# Mutations around references: blanks inside chains, keyword roots and links, calls on a
# chain, chains where a name is expected (labels, for variables, `in`, `if`).
PIECES = ["a.b", ".c", " . ", ".0", "[0]", ".*", "[*]", "true.x", "null.y.z", "for", " in ",
          "if", "{", "}", "[", "]", "(", ")", "\n", "=", ":", ",", "...", "=>", "?", "-", "!",
          '"', "${", "x.y(", "a.b.c.d", "for.x", "in.y", "if.z", " for k.v in x : y",
          "${a.b}", "%{if a.b}"]


def _plain(obj: object) -> object:
    """A syntax tree as nested tuples, spans included (they take no part in ==)."""
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    if isinstance(obj, tuple):
        return type(obj).__name__, tuple(_plain(x) for x in obj)
    return type(obj).__name__, tuple((f.name, _plain(getattr(obj, f.name)))
                                     for f in fields(obj))  # type: ignore[arg-type]


def _parse(text: str, chains: bool) -> object:
    try:
        return _plain(P.Parser(text, "f.tf", 0, len(text), LineIndex(text), False,
                               chains=chains).parse_body(False))
    except P.ParseError as e:
        return ("error", e.offset, e.message, e.code)


def test_chain_tokens() -> None:
    toks = tokenize("x = a.b-c.d[0].e + true.x\n", chains=True)
    assert [(k, v) for k, v, _, _ in toks if k == CHAIN] == [(CHAIN, "a.b-c.d"),
                                                             (CHAIN, "true.x")]
    assert CHAIN not in {k for k, _, _, _ in tokenize("x = a.b\n")}


@pytest.mark.parametrize("seed", range(2))
def test_chains_parse_as_the_plain_tokens_do(seed: int) -> None:
    rng = random.Random(seed)
    checked = errors = 0
    for path in TEXTS[seed::2]:
        text = path.read_text(encoding="utf-8", errors="replace")
        variants = [text]
        for _ in range(2):
            t = text
            for _ in range(rng.randint(1, 3)):
                at = rng.randint(0, len(t))
                t = t[:at] + rng.choice(PIECES) + t[at:]
            variants.append(t)
        for t in variants:
            plain = _parse(t, False)
            chained = _parse(t, True)
            if not (isinstance(chained, tuple) and chained[0] == "error"):
                assert chained == plain, (path, t)
            try:  # the entry point: chains, and the plain tokens again on an error
                got = _plain(P.parse_body_text(t, "f.tf"))
            except P.ParseError as e:
                got = ("error", e.offset, e.message, e.code)
            assert got == plain, (path, t)
            checked += 1
            errors += isinstance(plain, tuple) and plain[0] == "error"
    assert checked > 100 and 0 < errors < checked
