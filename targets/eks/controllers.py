"""Estate runs: the AWS Load Balancer Controller that serves the workloads' routes and ingresses."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import providers as TP
from ..tfbase.context import Ctx
from . import cluster_iam
from .cluster import pools_of
from .common import aws_name
from .kube_auth import AUTH

TABLE = "eks/controllers.json"
HELM = {"source": "hashicorp/helm", "version": "~> 3.1"}
RELEASE = "helm_release.aws_load_balancer_controller"  # profiles/eks.json names it too


@cache
def table() -> dict[str, Any]:
    # Read directly until targets/mapping.py registers it (then: companions.table(TABLE)).
    text = resources.files("iac_translate.targets").joinpath(TABLE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def finish(ctx: Ctx) -> None:
    """When the estate's workloads are published (HTTPRoutes or Ingresses), the one
    unrepeated cluster of a module gets the controller, its helm provider in the root that
    holds it or calls it once (several clusters, a repeated cluster or module call, would
    need one provider each: left to the exposure's IT308, install it yourself)."""
    needs = ctx.harden.needs
    routes = "gateway" in needs
    if not routes and "ingress" not in needs:
        return
    roots = set(TP.root_paths(ctx))
    by_module: dict[str, list[N.Resource]] = {}
    for n in ctx.nodes.values():
        if n.KIND == "Cluster" and n.mode == "managed":
            by_module.setdefault(n.module, []).append(n)
    served: set[str] = set()  # roots with a helm provider for one cluster
    for module, clusters in sorted(by_module.items()):
        one = clusters[0]
        if len(clusters) != 1 or one.meta.count is not None or one.meta.for_each is not None:
            continue
        call = None if module in roots else _only_call(ctx, module, roots)
        root = module if call is None else call.module
        if (call is None and module not in roots) or root in served:
            continue
        served.add(root)
        _install(ctx, one, routes, call)


def _only_call(ctx: Ctx, module: str, roots: set[str]) -> N.ModuleCall | None:
    """The one unrepeated call of `module` from a root module, if that is how it is used."""
    calls = [n for m in ctx.model.modules for n in m.nodes
             if isinstance(n, N.ModuleCall) and n.local_path == module]
    if len(calls) != 1 or calls[0].module not in roots or calls[0].arg("count") is not None \
            or calls[0].arg("for_each") is not None:
        return None
    return calls[0]


def _install(ctx: Ctx, cluster: N.Resource, routes: bool, call: N.ModuleCall | None) -> None:
    spec = table()["lb_controller"]
    chart = spec["chart"]
    ref = f"aws_eks_cluster.{cluster.name}"
    role = f"{cluster.name}_lb_controller"
    # (its pods need nodes before the release can be ready)
    after = [f"aws_eks_node_group.{p}" for p in pools_of(ctx, cluster)]
    after += [f"aws_iam_role_policy_attachment.{role}",
              f"aws_eks_pod_identity_association.{role}",
              f"aws_eks_addon.{cluster.name}_eks_pod_identity_agent"]
    companions.build(ctx, table(), "lb_controller", cluster, {
        "role": role, "prefix": aws_name(f"{cluster.name}-lb-controller", 30) + "-",
        "cluster": ref, "namespace": spec["namespace"],
        "service_account": spec["service_account"], "repository": chart["repository"],
        "chart": chart["name"], "chart_version": chart["version"], "routes": routes,
        "policy": json_expr(spec["iam_policy"]),
        "region": cluster_iam.cluster_region(ctx, cluster),
        "after": E.Tuple(tuple(E.ref(a) for a in after))})
    _helm_provider(ctx, cluster, ref, call)
    ctx.sink.add("IT346", cluster.span, f"the cluster of {cluster.address} gets "
                 f"{spec['what']} ({RELEASE}, chart {chart['name']} {chart['version']}, its "
                 "IAM policy on an EKS Pod Identity association for "
                 f"{spec['namespace']}/{spec['service_account']}): workloads of this "
                 "repository are published through "
                 + ("HTTPRoutes (feature gate ALBGatewayAPI)" if routes else "Ingresses"),
                 "the load balancers it creates are not in the Terraform state: before "
                 "`terraform destroy`, delete the workloads' "
                 + ("Gateway" if routes else "Ingresses") + " and wait for their ALBs to go, "
                 "or the VPC cannot be deleted")
    if routes:
        crds = table()["gateway_crds"]
        ctx.sink.add("IT308", cluster.span, f"the Gateway API CRDs ({crds['channel']} channel, "
                     f"{crds['version']}) are not installed by the Terraform: "
                     f"{crds['why_not_terraform']}", "after `terraform apply`, run `kubectl "
                     f"apply --server-side=true -f {crds['url']}`, then `kubectl -n "
                     f"{spec['namespace']} rollout restart deployment/"
                     f"{spec['service_account']}` (the controller enables its Gateway "
                     "support only when the CRDs exist at its start)")


def _helm_provider(ctx: Ctx, cluster: N.Resource, ref: str, call: N.ModuleCall | None) -> None:
    """A helm provider for the cluster in its root, with a token of the caller (as kube_auth
    gives the source's own kubernetes providers), unless the root already configures one;
    a cluster in a called module gives the root its access through an output."""
    root = cluster.module if call is None else call.module
    if any(isinstance(n, N.Provider) and n.name == "helm" and n.arg("alias") is None
           and not foreign.is_ovh_aws_provider(n, ctx.model)
           for m in ctx.model.modules if m.path == root for n in m.nodes):
        return
    ctx.extra_providers["helm"] = HELM
    access: dict[str, E.Expr] = {
        "host": E.ref(f"{ref}.endpoint"),
        "cluster_ca_certificate": E.Call("base64decode", (parse_expression_text(
            f"{ref}.certificate_authority[0].data", "<controllers>"),)),
        "name": E.ref(f"{ref}.name")}
    if call is not None:
        out = f"{cluster.name}_helm_access"
        b = TfBlock("output", (out,), comments=[
            "scaffolding: what the root's helm provider needs to reach the cluster"])
        b.set("value", json_expr(access))
        ctx.emit(cluster.span, b)
        access = {k: E.ref(f"module.{call.name}.{out}.{k}") for k in access}

    def auth() -> TfBlock:
        b = TfBlock("data", (AUTH, cluster.name), comments=[
            # (one text: kube_auth may make it first)
            "scaffolding: a token of the caller for the cluster, for the providers that reach it"])
        b.set("name", access["name"])
        return b

    def provider() -> TfBlock:
        b = TfBlock("provider", ("helm",), comments=[
            f"scaffolding: Helm installs the cluster's controllers into {ref}"
            + (f" of module.{call.name}" if call is not None else "")])
        b.set("kubernetes", json_expr({
            "host": access["host"], "cluster_ca_certificate": access["cluster_ca_certificate"],
            "token": E.ref(f"data.{AUTH}.{cluster.name}.token")}))
        return b
    ctx.scaffold(f"{AUTH}:{cluster.name}", root, auth)
    ctx.scaffold("provider.helm", root, provider)


def json_expr(v: Any) -> E.Expr:
    """A JSON value as an HCL expression (keys kept as written); expressions pass through."""
    if isinstance(v, E.Expr):
        return v
    if isinstance(v, dict):
        return E.Object(tuple((E.Var(k) if k.isidentifier() else E.Literal(k), json_expr(x))
                              for k, x in v.items()))
    if isinstance(v, list):
        return E.Tuple(tuple(json_expr(x) for x in v))
    if isinstance(v, str) and ("${" in v or "%{" in v):
        raise ValueError(f"a template sequence in a table string: {v!r}")
    return E.Literal(v) if not isinstance(v, (int, float)) or isinstance(v, bool) \
        else E.Literal(v, str(v))
