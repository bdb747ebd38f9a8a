"""One database cluster's lowering state: the cluster, its spec, engine row, service and reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from .context import Ctx
from .use import Use


@dataclass
class ClusterLowering:
    """What every step of one cluster's lowering reads; a target's subclass names its
    service -> resource table (RESOURCE), whose block the arguments are read for."""

    RESOURCE: ClassVar[Mapping[str, str]] = {}

    ctx: Ctx
    node: N.Resource
    spec: DatabaseSpec
    entry: dict[str, Any]  # the engine's row
    service: str
    u: Use = field(init=False)

    def __post_init__(self) -> None:
        self.u = Use(self.ctx, self.node, f"{self.RESOURCE[self.service]}.{self.node.name}")

    def rw(self, e: E.Expr) -> E.Expr:
        """`e` with its references in the target's vocabulary."""
        return self.ctx.rewrite(e, self.node.module)
