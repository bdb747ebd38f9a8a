"""lexer.brackets (what reindent needs) agrees with tokenize on real and mutated HCL."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from iac_translate.compiler.hcl.lexer import HEREDOC, OP, TEMPLATE, LexError, brackets, tokenize

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(p for d in ("golden", "examples") for p in (ROOT / d).rglob("*.tf"))


def _from_tokens(text: str) -> object:
    try:
        toks = tokenize(text)
    except LexError as e:
        return ("error", e.offset, e.message, e.code)
    marks = [(start, 1 if value in "{[(" else -1) for kind, value, start, _ in toks
             if kind == OP and len(value) == 1 and value in "{[(}])"]
    spans = [(start, end) for kind, _, start, end in toks if kind in (HEREDOC, TEMPLATE)]
    return marks, spans


def _from_brackets(text: str) -> object:
    try:
        return brackets(text)
    except LexError as e:
        return ("error", e.offset, e.message, e.code)


def test_corpus_is_there() -> None:
    assert len(TEXTS) > 50


@pytest.mark.parametrize("seed", range(4))
def test_brackets_agree_with_tokenize(seed: int) -> None:
    rng = random.Random(seed)
    # Mutations that matter to a lexer: quotes, brackets, interpolations, heredoc markers,
    # escapes, comments and line breaks at random places (many become lexical errors).
    pieces = ['"', "{", "}", "[", "]", "(", ")", "${", "%{", "\\", "<<EOT\n", "\nEOT\n",
              "#", "/*", "*/", "\n", "[*]", "$${", "'"]
    checked = errors = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        variants = [text] if seed == 0 else []
        for _ in range(3):
            t = text
            for _ in range(rng.randint(1, 3)):
                at = rng.randint(0, len(t))
                t = t[:at] + rng.choice(pieces) + t[at:]
            variants.append(t)
        for t in variants:
            want = _from_tokens(t)
            assert _from_brackets(t) == want, (path, t)
            checked += 1
            errors += isinstance(want, tuple) and want[0] == "error"
    assert checked > 150 and 0 < errors < checked  # both paths were exercised
