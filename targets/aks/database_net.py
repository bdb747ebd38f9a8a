"""Flexible Server reachability and companions: name, password, network, firewall, parameters."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec
from iac_translate.compiler.passes.database_settings import AllowEntry
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase.context import Ctx
from ..tfbase.dbpassword import password as password  # (re-exported: NET.password)
from ..tfbase.dbpassword import side as side  # (re-exported: NET.side)
from ..tfbase.keyed import keyed
from ..tfbase.keyed import num as num  # (re-exported: NET.num)
from ..tfbase.keyed import tpl as tpl  # (re-exported: NET.tpl)
from ..tfbase.use import Use
from . import common as C
from . import database as D
from . import database_handed as H
from .database_subnet import delegated, network_of, vnet_passed

# The delegation a Flexible Server subnet carries, and the suffix its private DNS zone needs.
_DELEGATION = {"postgresql_flexible": ("Microsoft.DBforPostgreSQL/flexibleServers",
                                       "postgres.database.azure.com"),
               "mysql_flexible": ("Microsoft.DBforMySQL/flexibleServers",
                                  "mysql.database.azure.com")}


# service -> (firewall rule, server parameter) types, written out for
# tests/schema/gen_required.py (it finds the types a target emits in its code)
COMPANION = {"postgresql_flexible": ("azurerm_postgresql_flexible_server_firewall_rule",
                                     "azurerm_postgresql_flexible_server_configuration"),
             "mysql_flexible": ("azurerm_mysql_flexible_server_firewall_rule",
                                "azurerm_mysql_flexible_server_configuration")}


def name_of(node: N.Resource, suffix: str = "") -> E.Expr:
    """The server's Azure name (a global DNS label), with the instance key when repeated."""
    return keyed(node, C.az_name(node.name.replace("_", "-") + suffix))


def opened(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, kind: str) -> tuple[Use, TfBlock]:
    """The main block of a cluster's lowering, begun: the description as a comment, the
    name, the resource group and the nodes' region (or the group's)."""
    u = Use(ctx, node, f"{kind}.{node.name}")
    b = TfBlock("resource", (kind, node.name))
    desc = u.raw("description")
    if desc is not None and E.str_value(desc):
        b.note(f"{E.str_value(desc)} (from {node.address})")
    name = name_of(node)
    b.set("name", name)
    # (OVH databases have no name to carry: the label is one guess at a global DNS label)
    shown = E.str_value(name) or f"{C.az_name(node.name.replace('_', '-'))}-<key>"
    ctx.sink.add("IT308", node.span, f"the Azure name of {node.address} is made from its "
                 f"Terraform label (`{shown}`): "
                 f"{kind} names are DNS labels unique across Azure, and a name another "
                 "subscription holds fails the create", "set a name of your own (an "
                 "organisation prefix) where the block is named")
    first = spec.nodes.first
    location = C.map_region(ctx, node, first.location.source) if (
        first is not None and first.location.source is not None) else None
    group, where = C.resource_group(ctx, node.module, location)
    b.set("resource_group_name", group)
    b.set("location", where)
    return u, b


def _server(node: N.Resource, service: str, attr: str) -> E.Expr:
    return companions.same(node, D.RESOURCE[service], attr)


def _attach(node: N.Resource, service: str, b: TfBlock) -> None:
    """The server a companion belongs to: by id (PostgreSQL) or by group and name (MySQL)."""
    if service == "postgresql_flexible":
        b.set("server_id", _server(node, service, "id"))
    else:
        b.set("resource_group_name", _server(node, service, "resource_group_name"))
        b.set("server_name", _server(node, service, "name"))


def network(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, service: str,
            b: TfBlock) -> None:
    """No OVH private network: the public endpoint (firewall rules follow); a private one:
    VNet integration in a delegated subnet (database_subnet), its private DNS zone linked to
    the VNet; a subnet not made here is a required variable (`_handed`)."""
    arg = "public_network_access_enabled" if service == "postgresql_flexible" else \
        "public_network_access"
    first = spec.nodes.first
    if first is None or first.network is None:
        b.set(arg, E.Literal(True) if service == "postgresql_flexible" else
              E.Literal("Enabled"), "OVH gives a cluster on no private network a public "
              "endpoint")
        return
    delegation, suffix = _DELEGATION[service]
    own = delegated(ctx, node, service, delegation)
    zone = TfBlock("resource", ("azurerm_private_dns_zone", node.name))
    zone.note(f"the private DNS zone VNet-integrated {D.RESOURCE[service]} needs")
    zone.set("name", tpl(*name_parts(node), f".private.{suffix}"))
    zone.set("resource_group_name", C.resource_group(ctx, node.module)[0])
    side(ctx, node, zone)
    vnet = ctx.rewrite(first.network, node.module)
    t = E.traversal(vnet)
    # (a network handed in as var.x by the calls that declare it: the VNet's id, as written
    # there; a remote state's output: the id the network stack's translation outputs)
    linked = bool(t and t[0] in ("azurerm_virtual_network", "data")) or \
        vnet_passed(ctx, node)
    b.set("delegated_subnet_id", own if own is not None else
          _handed(ctx, node, service, first.network.span or node.span, vnet, linked))
    b.set("private_dns_zone_id", companions.same(node, "azurerm_private_dns_zone", "id"))
    if linked:
        link = TfBlock("resource", ("azurerm_private_dns_zone_virtual_network_link",
                                    node.name))
        link.set("name", tpl(*name_parts(node), "-vnet"))
        link.set("resource_group_name", C.resource_group(ctx, node.module)[0])
        link.set("private_dns_zone_name", companions.same(node, "azurerm_private_dns_zone",
                                                          "name"))
        link.set("virtual_network_id", vnet)
        side(ctx, node, link)
        # the server's create resolves its host in the zone through the link
        old = b.get("depends_on")
        deps = list(old.items) if isinstance(old, E.Tuple) else []
        b.set("depends_on", E.Tuple(tuple(deps) + (E.ref(
            f"azurerm_private_dns_zone_virtual_network_link.{node.name}"),)))
    b.set(arg, E.Literal(False) if service == "postgresql_flexible" else
          E.Literal("Disabled"))


def _handed(ctx: Ctx, node: N.Resource, service: str, at: Span | None, vnet: E.Expr,
            linked: bool) -> E.Expr:
    """`var.<db>_delegated_subnet_id` (no default, threaded up to the root): the network's
    VNet is made elsewhere (another module, a remote state, a lookup), or where and how
    large a free range is cannot be certain (several regions, a repeated database). Not the
    public endpoint: OVH kept the database off the internet; opening it would change who
    reaches it, and a private range allowed there never matches an Azure client."""
    delegation = _DELEGATION[service][0]
    name = f"{node.name}_delegated_subnet_id"
    var = H.declare(ctx, node.module, name, f"Id of a subnet delegated to {delegation} "
                    f"(nothing else in it) in the Azure VNet that replaces the OVH private "
                    f"network of {node.address}", f"the delegated subnet {node.address} is "
                    "VNet-integrated in: its network's VNet is not made with it")
    t = E.traversal(vnet)
    remote = bool(t and t[0] == "data" and t[1] and t[1][0] == ("attr", "terraform_remote_state"))
    why = "which VNet and how many subnets are not certain: the network spans regions or " \
        "is repeated, or the database is" if network_of(ctx, node) is not None else \
        "its VNet is the calling modules', but the module is called more than once or " \
        "repeated (a subnet per call is not made)" if vnet_passed(ctx, node) else \
        "its VNet is not declared in this module"
    ctx.sink.add("IT308", at, f"{node.address} is on an OVH private network "
                 f"(`{to_hcl(vnet)}`) and {why}: its VNet-integrated server reads "
                 f"var.{H.variable(ctx, node.module, name)} "
                 f"({H.given(ctx, node.module, name)})"
                 + (", and its private DNS zone is linked to that network: the network "
                    "stack's translation must output its VNet's id there" if remote else "")
                 + ("" if linked else "; its private DNS zone is linked to no VNet"),
                 f"create a subnet delegated to {delegation} in that VNet (a range of its "
                 "own, a /24) and set the variable to its id" + ("" if linked else
                 "; link the zone to the VNet (azurerm_private_dns_zone_virtual_network_link)"))
    return var


def name_parts(node: N.Resource) -> tuple[str | E.Expr, ...]:
    name = name_of(node)
    if isinstance(name, E.Template):
        return tuple(p.expr if isinstance(p, E.Interp) else p for p in name.parts)
    return (E.str_value(name) or node.name,)


def firewall(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, service: str) -> None:
    """One firewall rule per allowed CIDR (Azure takes start and end addresses); OVH lets no
    address reach a cluster with no ip_restrictions, Azure's public endpoint neither."""
    first = spec.nodes.first
    if first is not None and first.network is not None:
        if not spec.allow.empty:
            ctx.sink.add("IT301", spec.allow.source.span if spec.allow.source else node.span,
                         f"ip_restrictions of {node.address}: a VNet-integrated server has no "
                         "firewall rules; network security groups on its subnet filter instead")
        return
    kind = COMPANION[service][0]
    for i, item in enumerate(spec.allow.items):
        label = f"{node.name}_{i}" if i else node.name
        r = TfBlock("resource", (kind, label))
        if isinstance(item, AllowEntry):
            if item.ip is None:
                continue
            desc = E.str_value(item.description) if item.description is not None else None
            r.set("name", E.Literal(C.az_name(desc or f"ovh-{i}", 80)))
            _attach(node, service, r)
            start, end = range_of(ctx.rewrite(item.ip, node.module), item.cidr)
            private_source(ctx, node, item)
        else:
            if node.meta.count is not None or node.meta.for_each is not None:
                ctx.sink.add("IT308", item.for_each.span or node.span, "a dynamic "
                             f"ip_restrictions of the repeated {node.address} is not "
                             f"translated; declare {kind} resources by hand")
                continue
            items = ctx.rewrite(item.for_each, node.module)
            r.set("count", E.Call("length", (items,)))
            r.set("name", tpl(f"ovh-{i}-", E.ref("count.index")))
            _attach(node, service, r)
            ip = _indexed(ctx.rewrite(item.ip, node.module), item.iterator, items) \
                if item.ip is not None else E.Index(items, E.ref("count.index"))
            start, end = range_of(ip, None)
        r.set("start_ip_address", start)
        r.set("end_ip_address", end)
        if isinstance(item, AllowEntry):
            side(ctx, node, r)
        else:
            ctx.emit(node.span, r)



def literal_rules(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, kind: str,
                  name: Callable[[str | None, int], str], owner: str,
                  attach: tuple[tuple[str, str], ...], ends: tuple[str, str]) -> None:
    """One `kind` rule per allowed literal CIDR, named `name(description, index)` and
    attached to `owner`'s attributes (arg, attribute); a dynamic entry is said (IT308)."""
    for i, item in enumerate(spec.allow.items):
        if not isinstance(item, AllowEntry):
            ctx.sink.add("IT308", item.for_each.span or node.span, f"a dynamic "
                         f"ip_restrictions of {node.address} is not translated; declare "
                         f"{kind} resources by hand")
            continue
        if item.ip is None:
            continue
        r = TfBlock("resource", (kind, f"{node.name}_{i}" if i else node.name))
        desc = E.str_value(item.description) if item.description is not None else None
        r.set("name", E.Literal(name(desc, i)))
        for arg, attr in attach:
            r.set(arg, companions.same(node, owner, attr))
        start, end = range_of(ctx.rewrite(item.ip, node.module), item.cidr)
        r.set(ends[0], start)
        r.set(ends[1], end)
        private_source(ctx, node, item)
        side(ctx, node, r)

# Ranges a VNet's (or an on-premises network's) machines use: RFC 1918, the shared CGNAT
# range and IPv6 unique-local addresses. (Not ipaddress.is_private, which also counts the
# documentation ranges, 203.0.113.0/24 among them: public-looking sources of examples.)
_PRIVATE_V4 = tuple(ipaddress.IPv4Network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"))
_ULA = ipaddress.IPv6Network("fc00::/7")


def private_source(ctx: Ctx, node: N.Resource, item: AllowEntry) -> None:
    """A private CIDR allowed on the public endpoint: Azure clients in a VNet (AKS nodes)
    reach it from their outbound public address, never from their private one."""
    try:
        net = ipaddress.ip_network(item.cidr, strict=False) if item.cidr is not None else None
    except ValueError:
        net = None
    if isinstance(net, ipaddress.IPv4Network):
        private = any(net.subnet_of(p) for p in _PRIVATE_V4)
    else:
        private = net is not None and net.subnet_of(_ULA)
    if private:
        ctx.sink.add("IT301", item.ip.span if item.ip else node.span, f"{item.cidr} allowed "
                     f"on {node.address} is a private range: on Azure it reaches the server "
                     "only through a private endpoint or VNet integration; clients on the "
                     "public endpoint come from their outbound public IP (the NAT gateway's)",
                     "allow that public IP, or put the server in the VNet")


def range_of(ip: E.Expr, cidr: str | None) -> tuple[E.Expr, E.Expr]:
    """The first and last address of a CIDR: computed here when literal, else by Terraform."""
    if cidr is not None:
        try:
            net = ipaddress.ip_network(cidr if "/" in cidr else cidr + "/32", strict=False)
        except ValueError:
            net = None
        if net is not None:
            return E.Literal(str(net[0])), E.Literal(str(net[-1]))
    # (cidrhost counts a negative host number from the end of the range)
    return (E.Call("cidrhost", (ip, num(0))), E.Call("cidrhost", (ip, E.Literal(-1, "-1"))))


def _indexed(e: E.Expr, iterator: str, items: E.Expr) -> E.Expr:
    """`<iterator>.value` / `.key` of the OVH dynamic block -> the counted rule's element."""
    def fn(sub: E.Expr) -> E.Expr | None:
        t = E.traversal(sub)
        if t and t[0] == iterator and t[1] and t[1][0] == ("attr", "value"):
            rest = list(t[1][1:])
            base = E.Index(items, E.ref("count.index"))
            for kind, arg in rest:
                base = E.GetAttr(base, arg) if kind == "attr" else E.Index(base, arg)
            return base
        if t and t[0] == iterator and t[1] and t[1][0] == ("attr", "key"):
            return E.ref("count.index")
        return None
    return E.transform(e, fn)


def configuration(ctx: Ctx, node: N.Resource, service: str, name: str, value: E.Expr) -> None:
    label = f"{node.name}_{name}".replace(".", "_")
    b = TfBlock("resource", (COMPANION[service][1], label))
    b.set("name", E.Literal(name))
    _attach(node, service, b)
    b.set("value", value)
    side(ctx, node, b)


def protect_note(ctx: Ctx, node: N.Resource, u: Use, product: str, b: TfBlock) -> None:
    """OVH deletion_protection: lifecycle prevent_destroy, said to guard Terraform only."""
    raw = u.raw("deletion_protection")
    if raw is None or getattr(raw, "value", None) is False or E.str_value(raw) == "false":
        return
    if node.meta.lifecycle is None:
        b.block("lifecycle").set("prevent_destroy", E.Literal(True))
    ctx.sink.add("IT301", u.span("deletion_protection"), f"deletion_protection of "
                 f"{node.address}: {product} has no deletion protection argument; "
                 "lifecycle prevent_destroy refuses a terraform destroy only",
                 "add a CanNotDelete management lock (azurerm_management_lock) for the "
                 "portal and API")
