"""What OVH attaches to a cluster (allow-list, OIDC, audit logs), read alike by every cloud."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from . import spec_use
from .context import Ctx
from .driver import Declaring, Lowering
from .refs import RefTarget
from .use import Use

Note = Callable[..., None]  # the target's note(ctx, key, span, **values)


class _OfCluster(Protocol):
    @property
    def cluster(self) -> E.Expr | None: ...


S = TypeVar("S", bound=_OfCluster)


@dataclass
class Attached(Generic[S]):
    """An attachment as read: its arguments' use, spec, the operations' timeouts the target
    resource takes, and the lowered cluster's block (None: reported not declared)."""

    u: Use
    spec: S
    timeouts: E.BlockSeq | None
    block: TfBlock | None


def declare_on_cluster(cluster_type: str) -> Declaring:
    """Folded into the cluster: references read the cluster."""
    def declare(ctx: Ctx, node: N.Resource) -> RefTarget:
        cluster = ctx.resolve(node.get("kube_id"), node.module)
        return RefTarget(f"{cluster_type}.{cluster.name}" if cluster else None, {},
                         fallback="{self}.id")
    return declare


def cluster_block(ctx: Ctx, node: N.Resource, raw: E.Expr | None, note: Note) -> TfBlock | None:
    """The lowered block of the cluster `raw` names, or None and the note
    attach.cluster_not_declared (the cluster is not in this module or not translated)."""
    cluster = ctx.resolve(raw, node.module)
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster else None
    if block is None:
        note(ctx, "attach.cluster_not_declared",
             raw.span if raw is not None and raw.span else node.span, address=node.address)
    return block


def attached(ctx: Ctx, node: N.Resource, read: Callable[[Ctx, N.Resource], S], type_: str,
             note: Note, timeouts: tuple[str, ...] = (), raw: tuple[str, ...] = ()
             ) -> Attached[S]:
    """Read attachment `node` for target resource `type_`: the kube family's arguments and
    `raw` consumed, `timeouts` the operations kept, and the cluster's block."""
    spec = read(ctx, node)
    u = Use(ctx, node, type_)
    spec_use.consume(u, "kube")
    for k in raw:
        u.raw(k)
    kept = spec_use.timeouts(u, timeouts)
    return Attached(u, spec, kept, cluster_block(ctx, node, spec.cluster, note))


def reported(read: Callable[[Ctx, N.Resource], S], cluster_type: str, key: str,
             note: Note, raw: tuple[str, ...] = ()) -> Lowering:
    """A lowering of an attachment the cloud has no place for: the note `key` when its
    cluster is declared (cluster_not_declared otherwise), nothing emitted."""
    def lower(ctx: Ctx, node: N.Resource) -> None:
        a = attached(ctx, node, read, cluster_type, note, raw=raw)
        if a.block is not None:
            note(ctx, key, node.span, address=node.address)
        a.u.done()
    return lower


def log_subscription(cluster_type: str, note: Note) -> Lowering:
    """An OVH audit-log subscription the cloud does not forward: reported (attach.audit_log)."""
    return reported(K.read_log_subscription, cluster_type, "attach.audit_log", note,
                    raw=("stream_id",))
