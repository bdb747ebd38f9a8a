"""The DECLARE and LOWER tables of a database family whose sub-resources live in a parts module."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .driver import Declaring, Lowering
from .refs import RefTarget


def tables(owner: str, parts: Callable[[], ModuleType], declare: Declaring, lower: Lowering,
           topic: str = "lower_topic") -> tuple[dict[str, Declaring], dict[str, Lowering]]:
    """The family's tables: `declare`/`lower` for the Database, the parts module's
    declare_sub and lower_* for its sub-resources (`topic`: the one for topics). `parts`
    imports that module when first called (it imports the family's module back); `owner`
    (the family module's __name__) is the module the report's rule names, as before."""
    def declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
        decl: RefTarget = parts().declare_sub(ctx, node)
        return decl

    def by(name: str) -> Lowering:
        def run(ctx: Ctx, node: N.Resource) -> None:
            getattr(parts(), name)(ctx, node)
        run.__module__ = owner
        return run
    declare_sub.__module__ = owner
    # kind of sub-resource -> the parts module's function that lowers it
    lowerings = {"DatabaseDb": "lower_db", "DatabaseUser": "lower_user", "DatabaseTopic": topic,
                 "DatabaseAcl": "lower_other", "DatabaseIpRestriction": "lower_ip",
                 "DatabaseExtra": "lower_extra"}
    return ({"Database": declare, "DatabaseDb": declare_sub, "DatabaseUser": declare_sub,
             "DatabaseTopic": declare_sub},
            {"Database": lower, **{k: by(v) for k, v in lowerings.items()}})
