"""A database family's table lookups: an OVH flavor's target class, and variable-default mappers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .context import Ctx


def flavor_of(ctx: Ctx, service: str, flavor: str) -> str | None:
    """The target's class (node type, SKU, instance class) of OVH database flavor `flavor`
    for `service`, from the databases table's flavors (None: not there)."""
    row: dict[str, str] = ctx.tables.databases.get("flavors", {}).get(service, {})
    return row.get(flavor.strip().lower())


def mappers(ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
    """The table mappings of variable defaults: classes per service, versions per engine."""
    return {**{f"db_flavor:{s}": partial(flavor_of, ctx, s)
               for s in ctx.tables.databases.get("flavors", {})},
            **{f"db_version:{e}": dict(row.get("versions", {})).get
               for e, row in ctx.tables.databases["engines"].items()}}
