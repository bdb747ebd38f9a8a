"""Kubernetes-cluster lowering steps the AKS and Kapsule clusters share: plan, losses, lookup."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock, todo
from . import dropped, spec_use
from . import kube_lifecycle as L
from .context import Ctx
from .pool_family import Note, finish, lifecycle
from .use import Use


def start(ctx: Ctx, node: N.Resource, tf_type: str) -> tuple[K.ClusterSpec, Use, TfBlock]:
    """The cluster's reading, its Use (kube fields consumed) and its block (a data block for a
    looked-up cluster)."""
    data = node.mode == "data"
    spec = K.read_cluster(ctx, node)
    u = Use(ctx, node, f"data.{tf_type}" if data else tf_type)
    spec_use.consume(u, "kube")
    return spec, u, TfBlock("data" if data else "resource", (tf_type, node.name))


def by_plan(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, values: Mapping[str, str],
            whys: Mapping[str, str], note: Note, chosen: tuple[str, str],
            computed: Mapping[str, object]) -> E.Expr:
    """The target's value (`values`: "standard"/"free") of the OVH plan; a plan not written in
    place (a variable, even with a default) gives a conditional on it (`computed`: the
    note's extra values); the note chosen[0] says a value chosen (as chosen[1])."""
    plan = "standard" if spec.control_plane_ha else "free"
    span = spec.plan.source.span if spec.plan.source is not None else node.span
    if spec.plan.source is not None and E.str_value(spec.plan.source) is None:
        note(ctx, "cluster.plan_computed", span, address=node.address, **computed)
        return E.Conditional(E.Binary("==", ctx.rewrite(spec.plan.source, node.module),
                                      E.Literal("standard")),
                             E.Literal(values["standard"]), E.Literal(values["free"]))
    if spec.control_plane_ha is None:
        note(ctx, "cluster.plan_unknown", span, address=node.address)
    elif spec.plan.source is not None:
        note(ctx, chosen[0], span, plan=plan, address=node.address,
             **{chosen[1]: values[plan]}, why=whys[plan])
    return E.Literal(values[plan])


def not_translated(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, why: Mapping[str, str],
                   note: Note) -> None:
    """The kube-proxy mode and the Cilium and kube-proxy customizations, which neither
    cluster takes."""
    if spec.kube_proxy.source is not None:
        note(ctx, "cluster.kube_proxy_mode", spec.kube_proxy.source.span or node.span,
             address=node.address)
    dropped.report(ctx, node, why, (
        ("customization_cilium", spec.cilium),
        ("customization_kube_proxy", spec.kube_proxy.tuning)))


def lb_subnet(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, note: Note) -> None:
    """A load-balancer subnet other than the nodes' one: the load balancers go to the nodes'."""
    lb = spec.lb_subnet
    if lb is not None and (spec.nodes_subnet is None or
                           ctx.resolve(lb, node.module) is not ctx.resolve(spec.nodes_subnet,
                                                                           node.module)):
        note(ctx, "cluster.lb_subnet", lb.span or node.span, address=node.address)


def lookup(ctx: Ctx, node: N.Resource, tf_type: str, given_as: str, product: str,
           lookup_key: str, note: Note, place: Callable[[K.ClusterSpec, TfBlock], object]
           ) -> None:
    """A looked-up cluster: by its name, or by an id given from outside (it must now hold
    `given_as`), else a name to fill in (IT308); `place` adds the target's location."""
    spec, u, b = start(ctx, node, tf_type)
    name = u.expr("name")
    given = spec.lookup_id
    if name is not None:
        b.set("name", name)
    elif given is not None and E.str_value(given) is None:
        b.set(given_as, ctx.rewrite(given, node.module))
        note(ctx, "cluster.lookup_id_given", given.span or node.span, address=node.address)
    else:
        shown = E.str_value(given) or "the OVH cluster"
        b.set("name", todo("IT308", f"name of the {product} cluster replacing {shown}"))
        note(ctx, lookup_key, node.span, address=node.address)
    place(spec, b)
    finish(ctx, node, b, u)


def placed(ctx: Ctx, node: N.Resource, b: TfBlock, u: Use, timeouts: tuple[str, ...],
           table: Mapping[str, Any], product: str) -> None:
    """Place the cluster (pool_family.lifecycle) with Terraform's prevent_destroy where the
    hardening asks for deletion protection, which neither cluster has (IT337)."""
    lifecycle(ctx, node, b, u, timeouts, table)
    L.protect(ctx, node, b, f"the {product} cluster of {node.address} (lifecycle "
              "prevent_destroy: Terraform refuses to destroy or replace it)")
