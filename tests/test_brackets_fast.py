"""hcl.brackets (regex jumps) gives exactly lexer.brackets' marks, spans and errors."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from iac_translate.compiler.hcl import brackets as fast
from iac_translate.compiler.hcl import lexer

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(p for d in ("golden", "examples") for p in (ROOT / d).rglob("*.tf"))


def _run(fn: object, text: str) -> object:
    try:
        return fn(text)  # type: ignore[operator]
    except lexer.LexError as e:
        return ("error", e.offset, e.message, e.code)


def _same(text: str) -> bool:
    return _run(fast.brackets, text) == _run(lexer.brackets, text)


def test_goldens_and_examples_without_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Written Terraform takes the fast path (the fallback would hide a wrong answer)."""
    texts = [p.read_text(encoding="utf-8") for p in TEXTS if "expected" in p.parts]
    assert len(texts) > 50
    want = [_run(lexer.brackets, t) for t in texts]
    monkeypatch.setattr(fast, "exact_brackets", lambda t: pytest.fail("fallback taken"))
    plain = [t.isascii() and "$" not in t and "'" not in t and "\\" not in t for t in texts]
    assert sum(plain) > 20
    for t, w, p in zip(texts, want, plain):
        if p:
            assert _run(fast.brackets, t) == w


@pytest.mark.parametrize("seed", range(4))
def test_mutations(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ['"', "{", "}", "[", "]", "(", ")", "${", "%{", "\\", "<<EOT\n", "\nEOT\n",
              "#", "/*", "*/", "//", "\n", "[*]", "[ * ]", "$${", "'", "<", "<<", "&", "|",
              "&&", "/", "*", "é", "\t", "\r\n", "<<-X\n", "\nX\n"]
    errors = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        for _ in range(3):
            t = text
            for _ in range(rng.randint(1, 3)):
                at = rng.randint(0, len(t))
                t = t[:at] + rng.choice(pieces) + t[at:]
            assert _same(t), (path, t)
            errors += isinstance(_run(lexer.brackets, t), tuple)
    assert errors > 10


def test_random_short_texts() -> None:
    rng = random.Random(7)
    alphabet = ['a', '1', ' ', '\n', '=', '-', '.', '*', '/', '#', '"', '{', '}', '[', ']',
                '(', ')', '<', '<<E\n', '\nE\n', '${', '%{', '$', '%', '\\', '&', '|', '>',
                'x = "', '" ', '/*', '*/', '[*]', '!']
    for _ in range(20000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _same(t), repr(t)
