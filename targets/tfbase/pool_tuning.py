"""OVH's per-pool scale-down tuning folded into a cluster-wide autoscaler block of the target."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K
from iac_translate.compiler.span import Span

from .context import Ctx

# (OVH argument, the target block's argument, the ScaleDown field)
Arg = tuple[str, str, str]


def per_instance(e: E.Expr) -> bool:
    """The value differs per instance of a count/for_each resource."""
    return any((t := E.traversal(sub)) is not None and t[0] in ("each", "count")
               for sub in E.walk(e))


def merge(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, cluster: N.Resource | None,
          block_name: str, comment: str, args: tuple[Arg, ...],
          value: Callable[[str, E.Expr], E.Expr],
          say: Callable[[str, Span | None, dict[str, str]], None]) -> set[str]:
    """Set `block_name` of the cluster's emitted block from the pool's tuning (the first
    pool's value wins, a different one is a conflict); the OVH arguments it carries. A
    repeated cluster, or a value per pool instance, is left to the caller to report."""
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster is not None else None
    if block is None or cluster is None or cluster.meta.count is not None or \
            cluster.meta.for_each is not None:
        return set()
    done = set()
    for ovh, arg, field in args:
        e = getattr(spec.sizing.scale_down, field)
        if e is None or per_instance(e):
            continue
        cfg = block.find(block_name) or block.block(block_name, comment=comment)
        new, old = value(field, ctx.rewrite(e, node.module)), cfg.get(arg)
        values = {"address": node.address, "ovh": ovh, "arg": arg}
        if old is None:
            cfg.set(arg, new)
            say("cluster", e.span or node.span, values)
        elif to_hcl(old) != to_hcl(new):
            say("conflict", e.span or node.span, {**values, "kept": to_hcl(old)})
        done.add(ovh)
    return done
