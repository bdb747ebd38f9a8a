"""Scaleway database reachability and upkeep: credentials, Private Network, ACLs, disk, region."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec, names_a_resource

from ..hclwrite import TfBlock
from ..tfbase import companions, db_settings
from ..tfbase.context import Ctx
from ..tfbase.dbpassword import password as password  # (re-exported: A.password)
from ..tfbase.dbpassword import side as side  # (re-exported: A.side)
from ..tfbase.keyed import keyed
from ..tfbase.keyed import num as num  # (re-exported: A.num)
from ..tfbase.keyed import tpl as tpl  # (re-exported: A.tpl)
from ..tfbase.modrefs import passed_by_every_call
from ..tfbase.resource_region import own_region
from ..tfbase.use import Use
from . import common as C

if TYPE_CHECKING:
    from .database_build import Lower


def name_of(node: N.Resource, suffix: str = "") -> E.Expr:
    """The Scaleway name of a block beside `node`, with the instance key when repeated."""
    return keyed(node, C.scw_name(node.name.replace("_", "-")) + suffix)


def credentials(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock, user: str,
                service: str) -> None:
    """The service's one initial user: a Redis cluster's is the OVH user that becomes it
    (database_parts.redis_user), the others' an admin the lowering names."""
    from .database_parts import password_label, rdb_admin, redis_user
    owner = redis_user(ctx, node) if service == "redis" else \
        rdb_admin(ctx, node) if service == "rdb" else None
    if owner is not None:
        b.set("user_name", ctx.rewrite(owner.get("name") or E.Literal(user), owner.module))
        b.set("password", password(ctx, owner, password_label(ctx, owner)))
        return
    b.set("user_name", E.Literal(user))
    b.set("password", password(ctx, node, f"{node.name}_admin"))


def pn_source(ctx: Ctx, module: str, spec: DatabaseSpec) -> E.Expr | None:
    """The OVH expression the Private Network comes from: the nodes' subnet when both it
    and the network are declared (the subnet is a Private Network of its own; the network's
    id reads its first subnet's) and the subnet translates, else the network."""
    first = spec.nodes.first
    if first is None or first.network is None:
        return None
    if first.subnet is not None and names_a_resource(first.subnet) and \
            names_a_resource(first.network):
        return C.private_network_of(ctx, module, first.subnet, first.network)
    return first.network


def private_only(ctx: Ctx, module: str, spec: DatabaseSpec) -> bool:
    """The instance gets a Private Network endpoint and no public one (`network` writes a
    static private_network block and no load_balancer)."""
    net = pn_source(ctx, module, spec)
    return net is not None and (names_a_resource(net) or _handed(ctx, module, net))


def _handed(ctx: Ctx, module: str, net: E.Expr) -> bool:
    """`net` is `var.x` and every call of the module passes a network or subnet declared in
    the calling module: the variable holds a Scaleway Private Network id, never null."""
    return bool(passed_by_every_call(ctx, module, net, ("Network", "Subnet")))


def network(s: Lower, b: TfBlock) -> None:
    """The first node's OVH private network becomes the instance's Private Network; no
    network means OVH's public endpoint."""
    ctx, node, spec = s.ctx, s.node, s.spec
    net = pn_source(ctx, node.module, spec)
    if net is None:
        if s.service == "rdb":
            b.block("load_balancer", comment="OVH gives a cluster on no private network a "
                    "public endpoint")
        elif s.service == "mongodb":
            b.block("public_network", comment="OVH gives a cluster on no private network a "
                    "public endpoint")
        elif s.service == "redis":
            from .database_acl import acl_rules
            acl_rules(s, b, "acl")
        elif s.facts.get("public_endpoint") is False:
            _own_network(s, b)
        return
    pn = ctx.rewrite(net, node.module)
    if s.service == "redis" and not spec.allow.empty:
        ctx.sink.add("IT301", s.u.span("ip_restrictions"), f"ip_restrictions of "
                     f"{node.address}: a Managed Redis cluster on a Private Network takes no "
                     "ACL; only the Private Network reaches it")
    arg = {"rdb": "pn_id", "redis": "id", "mongodb": "pn_id", "kafka": "pn_id",
           "opensearch": "private_network_id"}[s.service]
    if names_a_resource(net) or _handed(ctx, node.module, net):
        pb = b.block("private_network")
        pb.set(arg, pn)
    else:
        # A caller's value, null when OVH gave the public endpoint: both, by its value.
        ctx.sink.add("IT308", net.span or node.span, f"the private network of {node.address} "
                     "comes from outside the configuration: it must now hold a Scaleway "
                     "Private Network ID (scaleway_vpc_private_network), or null for the "
                     "public endpoint")
        public = {"rdb": "load_balancer", "mongodb": "public_network"}.get(s.service)
        if public is not None:
            dyn = b.block("dynamic", public)
            dyn.set("for_each", E.Conditional(E.Binary("==", pn, E.Literal(None)),
                                              E.Tuple((num(1),)), E.Tuple(())))
            dyn.block("content")
        dyn = b.block("dynamic", "private_network")
        dyn.set("for_each", E.Conditional(E.Binary("==", pn, E.Literal(None)),
                                          E.Tuple(()), E.Tuple((pn,))))
        pb = dyn.block("content")
        pb.set(arg, E.ref("private_network.value"))
    if s.service == "rdb":
        pb.set("enable_ipam", E.Literal(True), "the address comes from the Private "
               "Network's IPAM, as OVH's came from its subnet's DHCP")


def _own_network(s: Lower, b: TfBlock) -> None:
    """A service with no public endpoint (Kafka): a Private Network of its own, for its
    clients to join."""
    ctx, node = s.ctx, s.node
    label = f"{node.name}_{s.service}"
    pn = TfBlock("resource", ("scaleway_vpc_private_network", label))
    pn.note(f"the network of {node.address}'s clients: {s.product} has no public endpoint")
    pn.set("name", name_of(node, f"-{s.service}"))
    first = s.spec.nodes.first
    if first is not None and first.location.source is not None:
        default = ctx.default_region.get(node.module)
        mapped = C.map_region(ctx, node, first.location.source)
        if mapped is not None and (default is None or to_hcl(mapped) != to_hcl(default)):
            pn.set("region", mapped)
    side(ctx, node, pn)
    b.block("private_network").set("pn_id", companions.same(
        node, "scaleway_vpc_private_network", "id", label))
    ctx.sink.add("IT301", node.span, f"{node.address} has a public endpoint on OVH; "
                 f"Scaleway {s.product} serves Private Networks only (its API refuses public "
                 f"endpoints): it gets scaleway_vpc_private_network.{label}",
                 "attach its producers and consumers (Kapsule pools, Instances) to that "
                 "network, or set pn_id to the Private Network they are on")


def zone(s: Lower, b: TfBlock) -> None:
    """A zonal service (Redis): the first zone of the nodes' region."""
    first = s.spec.nodes.first
    if first is None or first.location.source is None:
        return
    code = first.location.text
    zones = C.zones_of(s.ctx, code) if code else ()
    if zones:
        b.set("zone", E.Literal(zones[0]))
        return
    region = C.map_region(s.ctx, s.node, first.location.source)
    if region is not None:
        text = E.str_value(region)
        b.set("zone", E.Literal(f"{text}-1") if text else tpl(region, "-1"))


def region(s: Lower, b: TfBlock) -> None:
    """The nodes' region; set when the module's provider does not work there (another
    region, or a child module's variable region its inherited provider cannot take)."""
    first = s.spec.nodes.first
    if first is None or first.location.source is None:
        return
    mapped = C.map_region(s.ctx, s.node, first.location.source)
    if own_region(s.ctx, s.node.module, mapped):
        b.set("region", mapped)


def disk(s: Lower, b: TfBlock, type_arg: str, size_arg: str, into: TfBlock | None = None
         ) -> None:
    ctx, node = s.ctx, s.node
    into = into or b
    into.set(type_arg, E.Literal(s.facts["storage"]))
    raw = s.u.raw("disk_size")
    low = int(s.facts.get("min_disk_gb", 1))
    if raw is None:
        size = int(s.facts.get("default_disk_gb", low))
        into.set(size_arg, num(size))
        ctx.sink.add("IT308", node.span, f"{node.address} sets no disk_size (OVH gives the "
                     f"flavor's included storage); {s.product} gets {size} GB")
    elif s.spec.disk_gb is not None and s.spec.disk_gb < low:
        ctx.sink.add("IT301", raw.span or node.span, f"{s.product} needs at least {low} GB; "
                     f"disk_size {s.spec.disk_gb:g} of {node.address} is raised to it")
        into.set(size_arg, num(low))
    else:
        into.set(size_arg, ctx.rewrite(raw, node.module))


def settings(s: Lower, b: TfBlock) -> None:
    """advanced_configuration keys of the engine itself become settings (prefix removed)
    when the engine version accepts them (databases.json engines.*.settings); keys of OVH
    components (pglookout...) have no place on Scaleway."""
    ctx, node, config = s.ctx, s.node, s.spec.config
    if not db_settings.literal(ctx, node, s.u, config, "set the Scaleway settings by hand"):
        return
    engine = dict(s.entry.get("versions", {})).get(s.spec.version.text or "")
    known = s.entry.get("settings", {}).get(engine) if engine else None
    kept = []
    for entry in db_settings.engine_keys(ctx, node, config, s.spec.engine.name,
                                         "an engine setting"):
        if known is not None and entry.name not in known:
            ctx.sink.add("IT302", entry.value.span or node.span, "advanced_configuration "
                         f"`{entry.key}` of {node.address} is not translated: {engine} on "
                         "Scaleway does not "
                         f"let `{entry.name}` be set", "scw rdb engine list shows the "
                         "settings each version accepts")
        else:
            kept.append((E.Literal(entry.name), ctx.rewrite(entry.value, node.module)))
    if kept:
        b.set("settings", E.Object(tuple(kept)))
        if known is None:
            ctx.sink.add("IT301", config.source.span if config.source else node.span,
                         "advanced_configuration keys become Scaleway settings without "
                         "their OVH prefix; Scaleway accepts the settings its engine lists "
                         "only (scw rdb engine list): check each")


def backup_region(s: Lower, b: TfBlock, arg: str) -> None:
    """OVH backups in the cluster's own metro: Scaleway's same-region backups; elsewhere:
    Scaleway's default, another region it chooses."""
    spec = s.spec
    if s.u.raw("backup_regions") is None:
        return
    first = spec.nodes.first
    home = first.location.geo.metro if first and first.location.geo else None
    same = bool(home and spec.backup_regions and all(
        loc.geo is not None and loc.geo.metro == home for loc in spec.backup_regions))
    b.set(arg, E.Literal(same))
    if not same:
        s.ctx.sink.add("IT301", s.u.span("backup_regions"), f"backup_regions of "
                       f"{s.node.address}: Scaleway keeps backups in another region of its "
                       "choosing, not the listed ones")


def protect(s: Lower, b: TfBlock) -> None:
    """OVH deletion_protection: Scaleway databases have none; Terraform's prevent_destroy
    refuses a destroy from this configuration (not from the console or the API)."""
    raw = s.u.raw("deletion_protection")
    if raw is None or E.str_value(raw) == "false" or getattr(raw, "value", None) is False:
        return
    if s.node.meta.lifecycle is None:
        life = b.block("lifecycle")
        life.set("prevent_destroy", E.Literal(True))
    s.ctx.sink.add("IT301", s.u.span("deletion_protection"), f"deletion_protection of "
                   f"{s.node.address}: Scaleway has no deletion protection for "
                   f"{s.product}; lifecycle prevent_destroy refuses a terraform destroy only")
