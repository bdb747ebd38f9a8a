"""Where an EKS resource lives (region, provider), its companion blocks, its data and words."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..tfbase import companions, notes
from ..tfbase.companions import Param
from ..tfbase.context import Ctx
from ..tfbase.fitmap import set_region as set_region  # (aws 6.x: a resource argument)
from ..tfbase.passthrough import unbound as unbound  # (the families place by it)
from . import common as C

TABLE = "eks/companions.json"


def network_ref(ctx: Ctx, node: N.Resource, subnet: E.Expr | None,
                network: E.Expr | None) -> E.Expr | None:
    """The OVH subnet or network reference to place a resource by: the one declared in the
    configuration (a subnet first), else whichever is written."""
    for ref in (subnet, network):
        if ref is not None and ctx.resolve(ref, node.module) is not None:
            return ref
    return subnet or network


def platform() -> dict[str, Any]:
    """eks/platform.json: the EKS target's choices that are data (the shipped table:
    mapping.load_tables validates a --mapping override of it but Tables does not carry it)."""
    return dict(companions.table("eks/platform.json"))


def note(ctx: Ctx, key: str, span: Span | None, /, **values: object) -> None:
    """Report the diagnostic `key` of eks/platform.json's notes."""
    notes.say(ctx, platform()["notes"], key, span, **values)


# EKS names in companion patterns: `{x:name30}` (IAM name prefixes), `{x:name63}`.
_FILTERS = {"name30": lambda s: C.aws_name(s, 30), "name63": C.aws_name}


def companion(ctx: Ctx, name: str, node: N.Resource, /, **params: Param) -> list[TfBlock]:
    """Emit the companion set `name` of eks/companions.json beside `node`."""
    return companions.build(ctx, companions.table(TABLE), name, node, params, _FILTERS)


def shape(b: TfBlock, name: str, node: N.Resource, /, **params: Param) -> TfBlock:
    """Set the fixed arguments and blocks of the set `name` on `node`'s main block `b`."""
    return companions.apply(b, companions.table(TABLE), name, node, params, _FILTERS)


def companion_addresses(name: str, node: N.Resource, type_: str, /,
                        **params: Param) -> E.Tuple:
    """References to the `type_` blocks of that set (for depends_on)."""
    return E.Tuple(tuple(E.ref(a) for a in companions.addresses(
        companions.table(TABLE), name, node, type_, params, _FILTERS)))
