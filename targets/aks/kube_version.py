"""The Kubernetes minor of an AKS cluster: one AKS no longer creates clusters at is raised."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import kube_version as KV
from ..tfbase.context import Ctx
from .kube_data import note, table


def version(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """kubernetes_version; a literal minor older than the oldest AKS creates becomes that
    one, an error (IT332): the upgrade across removed APIs is a human decision."""
    raw, wanted = spec.version.source, spec.version.text
    if raw is None:
        return
    oldest = table()["cluster"]["kubernetes"]["oldest"]
    values = {"wanted": wanted, "oldest": oldest, "address": node.address}
    if isinstance(raw, E.Literal) and KV.older(wanted, oldest):
        note(ctx, "cluster.version_not_offered", raw.span or node.span, **values)
        b.set("kubernetes_version", E.Literal(oldest, span=raw.span))
        return
    if not isinstance(raw, E.Literal) and KV.older(wanted, oldest):
        note(ctx, "cluster.version_default_not_offered", raw.span or node.span, **values)
    b.set("kubernetes_version", ctx.rewrite(raw, node.module))


def guard(b: TfBlock) -> None:
    """A computed version gets a precondition: one below the oldest offered stops the plan
    with the reason instead of the create call failing mid-apply."""
    v = b.get("kubernetes_version")
    if v is not None and not isinstance(v, E.Literal):
        KV.guard(b, v, table()["cluster"]["kubernetes"]["oldest"], "AKS")
