"""The loader's pre-scan for local module sources equals the one-pattern scan it replaced."""

from __future__ import annotations

import random
import re

from iac_translate.compiler.frontends import loader

# The former pattern: tried at every offset, so it was a third of a warm `lint`.
_REFERENCE = re.compile(r'^\s*source\s*=\s*"(\.\.?/[^"]*)"|"source"\s*:\s*"(\.\.?/[^"]*)"',
                        re.M)
_PIECES = ["source", '"source"', " ", "\t", "\n", "\r", "\v", "\u2003", "=", ":", '"./a"',
           '"../b/c"', '"x"', "x", '"', "module", "#"]


def _reference(text: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in _REFERENCE.finditer(text)]


def test_module_sources_equal_the_reference_scan() -> None:
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14)))
        assert loader.module_sources(text) == _reference(text), repr(text)


def test_module_sources_in_order_of_appearance() -> None:
    text = ('module "a" {\n  source = "./a"\n}\n{"module": {"b": {"source": "../b"}}}\n'
            'x = 1 source = "./not-at-line-start"\n  source="./c"\n')
    assert loader.module_sources(text) == ["./a", "../b", "./c"] == _reference(text)
