"""Scaleway lowering of an OVH managed Kubernetes cluster: the Kapsule cluster, its data source."""

from __future__ import annotations

import re

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock, todo
from ..tfbase import dropped, reftables
from ..tfbase import kube_family as KF
from ..tfbase import kube_lifecycle as L
from ..tfbase import kube_version as KV
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import common as C
from . import kube_attach
from .kube_data import note, outside_variable, table

CLUSTER = "scaleway_k8s_cluster"
NETWORK = "scaleway_vpc_private_network"
VERSION = "scaleway_k8s_version"
TIMEOUTS = ("create", "read", "update", "delete", "default")


def lower_cluster(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_cluster(ctx, node)
    cfg = table()["cluster"]
    spec, u, b = KF.start_cluster(ctx, node, CLUSTER)
    b.set("name", u.expr("name") or E.Literal(C.scw_name(node.name)))
    b.set("type", KF.by_plan(ctx, node, spec, cfg["type"], cfg["type_why"], note,
                             ("cluster.type_from_plan", "type"),
                             {"standard": cfg["type"]["standard"], "free": cfg["type"]["free"]}))
    auto = _auto_upgrade(ctx, node, spec)
    b.set("version", _version(ctx, node, spec, auto))
    b.set("cni", E.Literal(cfg["cni"]), cfg["cni_why"])
    _region(ctx, node, spec, b)
    b.set("private_network_id", _network(ctx, node, spec))
    b.set("delete_additional_resources", E.Literal(cfg["delete_additional_resources"]),
          cfg["delete_why"])
    _admission(ctx, node, spec, b)
    for name, v in (("pod_cidr", spec.pods_cidr), ("service_cidr", spec.services_cidr)):
        if v.source is not None:
            b.set(name, ctx.rewrite(v.source, node.module))
    if auto is not None:
        window = cfg["maintenance_window"]
        au = b.block("auto_upgrade", comment=cfg["maintenance_why"])
        au.set("enable", auto)
        au.set("maintenance_window_start_hour", E.Literal(window["start_hour"],
                                                          str(window["start_hour"])))
        au.set("maintenance_window_day", E.Literal(window["day"]))
    _not_translated(ctx, node, spec)
    KF.placed(ctx, node, b, u, TIMEOUTS, table(), "Kapsule")
    version = b.get("version")
    if spec.version.source is not None and version is not None and \
            not isinstance(version, E.Literal):
        # computed: a value below the oldest minor stops the plan, not the create call
        KV.guard(b, version, table()["cluster"]["kubernetes"]["oldest"], "Kapsule")
    if spec.version.source is None:
        # Created at the latest version, as OVH does; a newer one must not upgrade it at the
        # next apply: the update policy (auto_upgrade) decides, as on OVH.
        L.ignore(b, ("version",))
    u.done()


def _auto_upgrade(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> E.Expr | None:
    """auto_upgrade.enable from the update policy (absent: OVH's ALWAYS_UPDATE)."""
    source = spec.update.source
    at = source.span if source is not None and source.span else node.span
    if source is not None and (spec.update.computed or E.str_value(source) is None):
        # Not written in place (a variable, even with a default): enable follows its value.
        note(ctx, "cluster.update_policy_computed", at, address=node.address)
        return E.Binary("!=", ctx.rewrite(source, node.module), E.Literal("NEVER_UPDATE"))
    policy = spec.update.policy or K.UpdatePolicy.ALWAYS
    on = bool(table()["cluster"]["auto_upgrade"][policy.value])
    if source is not None:
        note(ctx, "cluster.update_policy" if on else "cluster.update_policy_off", at,
             policy=policy.value, address=node.address)
    return E.Literal(on)


def _version(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec,
             auto: E.Expr | None) -> E.Expr:
    """Kapsule takes a minor version (`1.31`) only with auto_upgrade on."""
    src = spec.version.source
    if src is None:
        # OVH installs its latest version: so does the `latest` Kapsule version.
        def make() -> TfBlock:
            d = TfBlock("data", (VERSION, "latest"))
            d.set("name", E.Literal("latest"))
            d.note("scaffolding: the latest Kubernetes version Kapsule offers")
            return d
        ctx.scaffold(VERSION, node.module, make)
        note(ctx, "cluster.version_latest", node.span, address=node.address)
        # with auto_upgrade on, Kapsule's create refuses a patch version ("only minor version
        # x.y can be used with auto upgrade enabled"): the minor of the latest, then
        full, minor = (E.ref(f"data.{VERSION}.latest.{a}") for a in ("name", "major_minor_only"))
        if isinstance(auto, E.Literal):
            return minor if auto.value is True else full
        return full if auto is None else E.Conditional(auto, minor, full)
    text = spec.version.text
    oldest = table()["cluster"]["kubernetes"]["oldest"]
    if KV.older(text, oldest):
        values = {"wanted": text, "oldest": oldest, "address": node.address}
        if not isinstance(src, E.Literal):
            # a variable's default: the precondition (guard) stops the plan until raised
            note(ctx, "cluster.version_default_not_offered", src.span or node.span, **values)
            return ctx.rewrite(src, node.module)
        # Kapsule refuses to create a cluster at a minor past its end of support
        note(ctx, "cluster.version_not_offered", src.span or node.span, **values)
        src, text = E.Literal(oldest, span=src.span), oldest
    off = isinstance(auto, E.Literal) and auto.value is False
    if text is not None and off and re.fullmatch(r"\d+\.\d+", text):
        note(ctx, "cluster.version_patch_needed", src.span or node.span, version=text,
             address=node.address)
        return todo("IT308", f"{text}.x: a {text} patch version Kapsule offers")
    patch = re.fullmatch(r"(\d+\.\d+)\.\d+", text or "")
    if patch and isinstance(auto, E.Literal) and auto.value is True:
        # Kapsule moves the patch itself: a pinned patch would be a diff after each upgrade.
        note(ctx, "cluster.version_minor", src.span or node.span, version=text,
             minor=patch.group(1), address=node.address)
        return E.Literal(patch.group(1))
    return ctx.rewrite(src, node.module)


def _region(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    region = C.map_region(ctx, node, spec.location.source)
    if region is not None:
        b.set("region", region)


def _network(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> E.Expr:
    """The private network the cluster is attached to; Kapsule requires one, so a cluster
    OVH put on no private network gets its own."""
    # Each OVH subnet is a Private Network of its own: the nodes' subnet is the one to join.
    for ref in (spec.nodes_subnet, spec.network):
        if ref is not None and ctx.resolve(ref, node.module) is not None:
            return ctx.rewrite(ref, node.module)
    written = spec.nodes_subnet if spec.nodes_subnet is not None else spec.network
    if written is not None:
        var = outside_variable(ctx, node, written)
        if var is not None:
            note(ctx, "cluster.network_given", written.span or node.span, var=var,
                 address=node.address)
        return ctx.rewrite(written, node.module)
    pn = TfBlock("resource", (NETWORK, node.name))
    name = C.scw_name(f"{node.name}-nodes")
    key = "${count.index}" if node.meta.count is not None else \
        "${each.key}" if node.meta.for_each is not None else ""
    pn.set("name", parse_expression_text(f'"{name}-{key}"', "<scaleway>") if key
           else E.Literal(name))
    region = C.map_region(ctx, node, spec.location.source)
    pn.set("region", region)
    pn.note(f"scaffolding: the private network Kapsule requires, for {node.address}")
    P.emit_meta(ctx, pn, meta_only(node), {})
    ctx.emit(node.span, pn)
    note(ctx, "cluster.private_network_added", node.span, address=node.address,
         label=node.name)
    return same(node, NETWORK, "id")


def _admission(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """admission_plugins turns optional plugins on; the ones Kapsule always runs are left out
    when enabled and cannot be turned off."""
    adm = spec.admission
    always = set(table()["cluster"]["admission_always_on"])
    enabled = adm.enabled
    if isinstance(enabled, E.Tuple):
        enabled = E.Tuple(tuple(p for p in enabled.items if E.str_value(p) not in always),
                          span=enabled.span)
    if enabled is not None and not (isinstance(enabled, E.Tuple) and not enabled.items):
        b.set("admission_plugins", ctx.rewrite(enabled, node.module),
              f"from {adm.written_as}: Kapsule turns these plugins on besides its defaults")
    off = adm.disabled
    named = {E.str_value(p) for t in (adm.enabled, off) if isinstance(t, E.Tuple)
             for p in t.items} & always
    if named:
        b.note(f"{adm.written_as}: {', '.join(sorted(n for n in named if n))} always on in "
               "Kapsule; optional plugins off unless admission_plugins lists them")
    if off is None or dropped.unset(off):
        return
    lost = [p for p in off.items if E.str_value(p) is None or E.str_value(p) in always] \
        if isinstance(off, E.Tuple) else [off]
    for p in lost:
        note(ctx, "cluster.admission_disabled", p.span or off.span or node.span,
             address=node.address, plugin=E.str_value(p) or to_hcl(p))


def _not_translated(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    KF.not_translated(ctx, node, spec, table()["not_translated"]["cluster"], note)
    KF.lb_subnet(ctx, node, spec, note)
    if spec.routing.source is not None:
        note(ctx, "cluster.routing", spec.routing.source.span or node.span,
             address=node.address)


def _data_cluster(ctx: Ctx, node: N.Resource) -> None:
    # An id given from outside (a variable...) must now hold a Kapsule cluster id.
    KF.lookup(ctx, node, CLUSTER, "cluster_id", "Kapsule", "cluster.lookup_by_ovh_id", note,
              lambda spec, b: _region(ctx, node, spec, b))


DECLARE: dict[str, Declaring] = {
    **reftables.declarings(table()["references"], ("Cluster",)), **kube_attach.DECLARE}
LOWER: dict[str, Lowering] = {"Cluster": lower_cluster, **kube_attach.LOWER}
