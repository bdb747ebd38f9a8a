"""Parts of a Kapsule pool: its zone, labels and taints, the placement group of anti-affinity."""

from __future__ import annotations

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import dyntemplate
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.module_index import EmittedBy
from ..tfbase.values import map_value
from . import common as C
from .kube_data import note, table

GROUP = "scaleway_instance_placement_group"


def zone(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
         cluster: N.Resource | None) -> E.Expr | None:
    """`zone` from the pool's first OVH zone (a Kapsule pool is single-zone); without zones
    the pool sits in its cluster's region (the provider's otherwise)."""
    zones = spec.zones
    if zones is None:
        where = _offered_zone(ctx, node, b, None, _cluster_region(ctx, cluster))
        if where is not None:
            b.set("zone", E.Literal(where))
            return b.get("zone")
        cid = E.traversal(b.get("cluster_id") or E.Literal(None))
        if cluster is not None and cid and cid[0] == "scaleway_k8s_cluster" and cid[1]:
            b.set("region", E.build_traversal(cid[0], cid[1][:-1] + [("attr", "region")]))
        return None
    at = zones.span or node.span
    first = zones.items[0] if isinstance(zones, E.Tuple) and zones.items else None
    if first is None:
        note(ctx, "pool.zone_computed", at, address=node.address)
        out = map_value(zones, node, ctx, "zone", lambda s: C.zone_of(ctx, s))
        out = E.Index(out, E.Literal(0, "0")) if out is not None else None
    else:
        out = map_value(first, node, ctx, "zone", lambda s: C.zone_of(ctx, s))
        if isinstance(zones, E.Tuple) and len(zones.items) > 1:
            shown = E.str_value(out) if out is not None else None
            note(ctx, "pool.zone_first", at, address=node.address,
                 zone=shown or "its first zone")
    text = E.str_value(out) if out is not None else None
    # (a computed zone is left as written)
    where = _offered_zone(ctx, node, b, text, text.rsplit("-", 1)[0]) if text else None
    b.set("zone", E.Literal(where) if where is not None else out)
    return b.get("zone")


def _cluster_region(ctx: Ctx, cluster: N.Resource | None) -> str | None:
    """The Scaleway region of the cluster, also through a variable's default."""
    if cluster is None:
        return None
    text = ctx.literal(K.read_cluster(ctx, cluster).location.source, cluster)
    return C.region_of(ctx, text) if text is not None else None


def _offered_zone(ctx: Ctx, node: N.Resource, b: TfBlock, zone: str | None,
                  region: str | None) -> str | None:
    """GPU node types exist in some zones only: a zone of the pool's region that offers the
    pool's node type, when the pool's own zone (or its region's default) does not."""
    node_type = E.str_value(b.get("node_type"))
    offered = table()["pool"]["node_type_zones"].get(node_type or "")
    # (no zone: Kapsule's default, the region's first)
    if not offered or (zone or (f"{region}-1" if region else None)) in offered:
        return None
    here = [z for z in offered if region is not None and z.startswith(region + "-")]
    values = {"address": node.address, "node_type": node_type, "offered": ", ".join(offered)}
    if here:
        note(ctx, "pool.gpu_zone", node.span, zone=here[0], **values)
        return here[0]
    if zone is None and region is None:
        note(ctx, "pool.gpu_zone_unknown", node.span, **values)
    else:
        note(ctx, "pool.gpu_no_zone", node.span, where=zone or region, **values)
    return None


def labels_taints(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
                  gpu: bool) -> None:
    why = table()["not_translated"]["node_pool"]
    if spec.dynamic_template:
        b.set("labels", dyntemplate.labels(ctx, node))
        if dyntemplate.taints(ctx, node, b, E.ref("taint.value.effect")):
            _rename_dynamic(b)
        dyntemplate.dropped(ctx, node, {k.rsplit(".", 1)[1]: v for k, v in why.items()
                                        if k.startswith("template.")})
    else:
        if spec.labels.source is not None:
            b.set("labels", ctx.rewrite(spec.labels.source, node.module))
        t = spec.taints
        if t.written is K.Written.LITERAL:
            for taint in t.items:
                tb = b.block("taints")
                tb.set("key", ctx.rewrite(taint.key, node.module))
                # Kapsule requires a value: OVH's absent value is the empty string.
                tb.set("value", ctx.rewrite(taint.value, node.module)
                       if taint.value is not None else E.Literal(""))
                tb.set("effect", E.Literal(taint.effect.value) if taint.effect else
                       ctx.rewrite(taint.effect_source or E.Literal("NoSchedule"),
                                   node.module))
        elif t.written is K.Written.COMPUTED and t.source is not None:
            dyn = b.block("dynamic", "taints")
            dyn.set("for_each", ctx.rewrite(t.source, node.module))
            content = dyn.block("content")
            content.set("key", E.ref("taints.value.key"))
            content.set("value", E.Call("lookup", (E.ref("taints.value"), E.Literal("value"),
                                                   E.Literal(""))))
            content.set("effect", E.ref("taints.value.effect"))
    taint = table()["pool"]["gpu_taint"]
    if gpu and not any(E.str_value(t.key) == taint["key"] for t in spec.taints.items):
        tb = b.block("taints", comment="GPU nodes: only pods that request a GPU (and tolerate "
                     "this taint) run on them")
        for k in ("key", "value", "effect"):
            tb.set(k, E.Literal(taint[k]))


def _rename_dynamic(b: TfBlock) -> None:
    """tfbase/dyntemplate writes `dynamic "taint"`: Kapsule's block is `taints` (the
    iterator keeps the name its content reads) and its value is required."""
    for item in b.items:
        if isinstance(item, TfBlock) and item.type == "dynamic" and item.labels == ("taint",):
            item.labels = ("taints",)
            item.set("iterator", E.Var("taint"))
            content = item.find("content")
            if content is not None:  # Kapsule requires a value: OVH's absent one is ""
                content.set("value", E.Call("lookup", (E.ref("taint.value"), E.Literal("value"),
                                                       E.Literal(""))))


def placement(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
              zone: E.Expr | None) -> None:
    """OVH anti_affinity spreads a pool's nodes over hypervisors: a max_availability
    placement group does the same on Scaleway."""
    aa = spec.anti_affinity
    if aa is None or (isinstance(aa, E.Literal) and aa.value is False):
        return
    region = b.get("region")
    if zone is None and region is not None:
        # A placement group is zonal: the pool's zone (its region's first, Kapsule's
        # default) is written on both, so that they cannot differ.
        zone = parse_expression_text(f'"${{{to_hcl(region)}}}-1"', "<scaleway>")
        b.set("zone", zone)
    g = TfBlock("resource", (GROUP, node.name))
    g.set("name", E.Literal(C.scw_name(f"{node.name}-spread")))
    g.set("policy_type", E.Literal(table()["pool"]["placement_policy"]))
    g.set("zone", zone)
    g.note(f"scaffolding: the nodes of {node.address} on distinct hypervisors (anti_affinity)")
    gid = same(node, GROUP, "id")
    if isinstance(aa, E.Literal):
        P.emit_meta(ctx, g, meta_only(node), {})
    elif node.meta.count is None and node.meta.for_each is None:
        # computed: the group exists only when anti_affinity is on (none created for false)
        g.set("count", E.Conditional(ctx.rewrite(aa, node.module), E.Literal(1, "1"),
                                     E.Literal(0, "0")))
        gid = parse_expression_text(f"one({GROUP}.{node.name}[*].id)", "<scaleway>")
    else:
        # one group per pool instance (the pool's count/for_each), used where it is on
        P.emit_meta(ctx, g, meta_only(node), {})
        gid = E.Conditional(ctx.rewrite(aa, node.module), gid, E.Literal(None))
    ctx.emit(node.span, g)
    b.set("placement_group_id", gid)
    note(ctx, "pool.anti_affinity", aa.span or node.span, address=node.address,
         label=node.name)


_GATEWAY_NETWORKS = ("scaleway.gateway networks", 0)


def private_nodes(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
                  cluster: N.Resource | None) -> None:
    """OVH routes the nodes through the private network's gateway
    (private_network_routing_as_default): Kapsule nodes without a public IP do the same once
    a Public Gateway pushes the default route on the cluster's Private Network."""
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster is not None else None
    if cluster is None or block is None or spec.floating_ips is True or \
            K.read_cluster(ctx, cluster).routing.as_default is not True:
        return
    pn = block.get("private_network_id")
    if pn is None:
        return
    # (the Gateway Networks emitted so far by Private Network, indexed once: every pool
    # asks, and a scan of every emitted block per pool was quadratic)
    hit = ctx.readings.get(_GATEWAY_NETWORKS)
    if hit is None:
        hit = ctx.readings[_GATEWAY_NETWORKS] = (None, EmittedBy(
            "scaleway_vpc_gateway_network", "private_network_id"))
    for g in hit[1].blocks(ctx.files, pn, ctx.grown):
        if _pushes_default_route(g):
            b.set("public_ip_disabled", E.Literal(True),
                  "private_network_routing_as_default: the nodes egress through "
                  f"scaleway_vpc_gateway_network.{g.labels[1]}")
            # nodes without a public IP reach nothing (image pulls, the API) until the
            # gateway pushes the default route: the pool waits for its Gateway Network
            b.depend(E.ref(f"scaleway_vpc_gateway_network.{g.labels[1]}"))
            return


def _pushes_default_route(g: TfBlock) -> bool:
    ipam = g.find("ipam_config")
    value = ipam.get("push_default_route") if ipam is not None else None
    return isinstance(value, E.Literal) and value.value is True
