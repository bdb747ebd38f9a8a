"""scaleway/kube.json, the Kapsule family's data: its choices, reference rules and diagnostics."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

from ..tfbase import notes
from ..tfbase.context import Ctx
from ..tfbase.shipped import shipped

REL = "scaleway/kube.json"


def table() -> dict[str, Any]:
    """scaleway/kube.json, the schema-checked shipped table."""
    return shipped(REL)


def note(ctx: Ctx, key: str, span: Span | None, /, **values: object) -> None:
    """Report the diagnostic `key` of the table's notes."""
    notes.say(ctx, table()["notes"], key, span, **values)


def outside_variable(ctx: Ctx, node: N.Resource, e: E.Expr | None) -> str | None:
    """The variable an id comes from when nothing in this configuration sets it (a root
    module's, or a module no call of which is translated): it held an OVH id."""
    t = E.traversal(e) if e is not None else None
    if not (t and t[0] == "var" and t[1]) or (node.module and
                                              node.module in ctx.by_module.called):
        return None
    return str(t[1][0][1])
