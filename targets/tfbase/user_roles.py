"""The OVH roles of an S3 user a cloud grants: each mapped, or said (IT302/IT309) in its words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from .context import Ctx

_T = TypeVar("_T")


def granted(ctx: Ctx, node: N.Resource, spec: S.UserSpec, mapped: Callable[[S.Role], _T | None],
            none: str, hint: str, by_hand: str) -> Iterator[tuple[S.RoleGrant, _T]]:
    """Each role of the user with what `mapped` gives it; a role it maps to nothing is IT302
    (the user "has no `none`", `hint`), computed roles IT309 (`by_hand`). Object storage is
    skipped when an S3 policy of the user narrows it to its buckets (the policy grants it)."""
    if spec.roles_computed is not None:
        ctx.sink.add("IT309", spec.roles_computed.span, f"role_names of {node.address} come "
                     f"from an expression; {by_hand}")
    has_policy = ctx.by_module.has_policy(node)
    for g in spec.roles:
        if g.role is S.Role.OBJECT_STORAGE and has_policy:
            continue
        out = mapped(g.role) if g.role is not None else None
        if not out:
            ctx.sink.add("IT302", g.source.span, f"OVH role `{g.ovh or 'an expression'}` of "
                         f"{node.address} has no {none}", hint)
            continue
        yield g, out
