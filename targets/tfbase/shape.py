"""Blocks built from data: a shape lists a block's arguments in order, literal or computed."""

# A shape is a list of items, applied in order (attribute order is the output's order, and a
# builder that emits a companion block emits it where the hand-written code did):
#   {"set": NAME, "value": JSON}           a literal argument (a list is a tuple of literals)
#   {"set": NAME, "from": BUILDER, ...}    an argument a target builder computes (None: unset)
#   {"block": NAME, "items": [...]}        a nested block built from its own shape
#   {"call": BUILDER, ...}                 a builder that sets what it needs itself
#   {"raw": [ARG...]}                      source arguments read (consumed) as they are
#   {"drop": ARG, "why": TEXT}             a source argument with no equivalent (IT302)
#   {"note": TEXT}                         a comment on the block
# Any item may carry "if": FLAG, kept only when the target's flag is true; "comment" is the
# comment of a set argument or a nested block. Other keys are the builder's parameters.

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfBlock
from .use import Use

Item = Mapping[str, Any]
# (builder name, its item, the block being built) -> the value of a "set" item (else None)
Run = Callable[[str, Item, TfBlock], E.Expr | None]


def literal(value: Any) -> E.Expr:
    """A JSON value as HCL: numbers keep their spelling, lists become tuples."""
    if isinstance(value, list):
        return E.Tuple(tuple(literal(v) for v in value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return E.Literal(value, str(value))
    return E.Literal(value)


def build(b: TfBlock, items: list[Item], u: Use, run: Run,
          when: Callable[[str], bool] = lambda flag: True) -> TfBlock:
    """Apply `items` to `b`; `run` computes builder values, `when` answers "if" flags."""
    for it in items:
        if "if" in it and not when(it["if"]):
            continue
        if "set" in it:
            value = literal(it["value"]) if "value" in it else run(it["from"], it, b)
            b.set(it["set"], value, it.get("comment"))
        elif "block" in it:
            build(b.block(it["block"], comment=it.get("comment")), it["items"], u, run, when)
        elif "call" in it:
            run(it["call"], it, b)
        elif "raw" in it:
            for name in it["raw"]:
                u.raw(name)
        elif "drop" in it:
            u.drop(it["drop"], it["why"])
        elif "note" in it:
            b.note(it["note"])
    return b
