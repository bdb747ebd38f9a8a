"""What references to a lowered resource become, from a table instead of a function per kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .driver import Declaring
from .refs import RefTarget

# A table maps a concept kind to {"type": the target type, "rules": {source attribute path:
# pattern}, "fallback": the pattern of `id` and unknown attributes (default "{self}.id"),
# "none": true (lowered to nothing: references are unresolved)}. Patterns are refs.py's
# ("{self}" is the emitted block, data blocks included) plus "{label}" (the source label) and
# "{mode_}" ("data_" for a data source, else nothing).


def declaring(entry: Mapping[str, Any]) -> Declaring:
    """The Declaring function one table entry describes."""
    if entry.get("none"):
        return lambda ctx, node: RefTarget(None, {}, fallback=None, bare=None)
    rules: Mapping[str, str] = entry.get("rules", {})
    fallback: str = entry.get("fallback", "{self}.id")

    def declare(ctx: Ctx, node: N.Resource) -> RefTarget:
        data = node.mode == "data"
        base = f"{'data.' if data else ''}{entry['type']}.{node.name}"
        mode = "data_" if data else ""
        return RefTarget(base, {k: v.replace("{label}", node.name).replace("{mode_}", mode)
                                for k, v in rules.items()}, fallback=fallback)
    return declare


def declarings(table: Mapping[str, Mapping[str, Any]],
               kinds: Iterable[str]) -> dict[str, Declaring]:
    """DECLARE entries for `kinds` (each must be in the table)."""
    return {kind: declaring(table[kind]) for kind in kinds}
