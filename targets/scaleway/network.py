"""Scaleway lowering of OVH private networks and subnets: a VPC and its Private Networks."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from ..tfbase import net_keys as K
from ..tfbase import network_family as NF
from ..tfbase import network_lookup as NL
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.module_index import subnets_of  # (asked here by the cloud's other families)
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import gateway as G

VPC, PN = "scaleway_vpc", "scaleway_vpc_private_network"
_IPAM = "Scaleway Private Networks allocate addresses by IPAM (reserve one with scaleway_ipam_ip)"
# (Scaleway has one private network per region and subnet: an OVH network is the VPC, its
# subnets the Private Networks; references to the network's id read the Private Network of
# its first subnet, which is what clusters, databases and instances attach to.)


def _pn_of(ctx: Ctx, node: N.Resource, key: E.Expr | None = None) -> E.Expr:
    """The Private Network id references to instance `key` of network `node` read: its first
    subnet's, else the one made for it (a network without subnet, or with an inline one)."""
    subs = subnets_of(ctx, node)
    if subs and NW.read_network(ctx, node).inline_subnet is None:
        return _sub_pn(ctx, node, subs[0], key)
    return K.at(f"{PN}.{node.name}", key, "id")  # (repeated like the network)


def _pn_at(ctx: Ctx, net: N.Resource, head: E.Expr, sub: N.Resource | None = None) -> E.Expr:
    """The Private Network id a read of `head` (network `net`, with its instance key) means;
    `head` a bare name is the value of a `for` over the repeated network (`{for k, v in
    net : k => v.id}`): the Private Network in that VPC (one subnet per network is usual).
    `sub`: that subnet's (default: the first's)."""
    if not (isinstance(head, E.Var) and K.repeats(net)):
        return _pn_of(ctx, net, K.head_key(head)) if sub is None else \
            _sub_pn(ctx, net, sub, K.head_key(head))
    subs = [sub] if sub is not None else subnets_of(ctx, net)
    label = subs[0].name if subs and NW.read_network(ctx, net).inline_subnet is None \
        else net.name
    if subs and label == subs[0].name and not K.repeats(subs[0]):
        return E.ref(f"{PN}.{label}.id")
    name = "pn" if head.name != "pn" else "pn_"
    pn = E.ref(name)
    found = E.ForExpr(None, name, E.ref(f"{PN}.{label}"), E.GetAttr(pn, "id"),
                      cond=E.Binary("==", E.GetAttr(pn, "vpc_id"), E.GetAttr(head, "id")))
    return E.Index(found, E.Literal(0, "0"))


def _sub_pn(ctx: Ctx, net: N.Resource, sub: N.Resource, key: E.Expr | None) -> E.Expr:
    """`sub`'s Private Network id for instance `key` of `net`."""
    return K.of_network(sub, NW.read_subnet(ctx, sub).network, net, key, f"{PN}.{sub.name}",
                        "id")


def _other_regions(ctx: Ctx, node: N.Resource) -> list[str]:
    """The Scaleway regions of the network's OVH regions after its first one's (literal)."""
    locs = NW.read_network(ctx, node).locations
    texts = [E.str_value(C.map_region(ctx, node, loc.source)) for loc in locs]
    out: list[str] = []
    for t in texts[1:]:
        if t and t != texts[0] and t not in out:
            out.append(t)
    return out


def vpc_label(node: N.Resource, region: str | None = None) -> str:
    """The VPC of network `node` in `region` (None: its first region's, labelled like it)."""
    return node.name if region is None else f"{node.name}_{region.replace('-', '_')}"


def _pn_for_key(ctx: Ctx, net: N.Resource, head: E.Expr, rest: list[E.Step]) -> E.Expr:
    """`regions_openstack_ids["WAW1"]`: the Private Network of the network's first subnet in
    that region's Scaleway region (else the first subnet's)."""
    key = rest[0][1] if rest and rest[0][0] == "index" else None
    text = E.str_value(key) if isinstance(key, E.Expr) else None
    region = C.region_of(ctx, text) if text else None
    for sub in subnets_of(ctx, net) if region else ():
        loc = NW.read_subnet(ctx, sub).location
        if loc.text and C.region_of(ctx, loc.text) == region:
            return K.with_steps(_pn_at(ctx, net, head, sub), rest[1:])
    return K.with_steps(_pn_at(ctx, net, head), rest[1:])


def declare_network(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(f"data.{PN}.{node.name}", {"name": "{self}.name"})

    def one(head: E.Expr, rest: list[E.Step]) -> E.Expr:
        return K.with_steps(_pn_at(ctx, node, head), rest)

    def listed(head: E.Expr, rest: list[E.Step]) -> E.Expr:
        return K.with_steps(E.Tuple((_pn_at(ctx, node, head),)), rest)
    first = to_hcl(_pn_of(ctx, node))
    return RefTarget(f"{VPC}.{node.name}", {
        "id": one, "name": "{self}.name", "openstackid": one, "openstack_id": one,
        "regions_openstack_ids": lambda head, rest: _pn_for_key(ctx, node, head, rest),
        "regions_attributes[].openstackid": one, "regions_attributes[*].openstackid": listed,
        "region": "{self}.region"}, fallback=first)


def declare_subnet(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(f"data.{PN}.{node.name}", {"cidr": "{self}.ipv4_subnet[0].subnet"})
    cidr = "{self}.ipv4_subnet[0].subnet"
    return RefTarget(f"{PN}.{node.name}", {
        "cidr": cidr, "network": cidr, "region": "{self}.region", "name": "{self}.name"})


def lower_network(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_network(ctx, node)
    u = Use(ctx, node, VPC)
    if node.mode == "data":
        return _lookup(ctx, node, u, spec)
    b = TfBlock("resource", (VPC, node.name))
    b.set("name", u.expr("name") or E.Literal(C.scw_name(node.name)))
    locs = spec.locations
    region = C.map_region(ctx, node, locs[0].source) if locs else None
    b.set("region", region)
    NF.network_args(u, "Scaleway VPC", "a Scaleway VPC has no description (tags only)")
    others = _other_regions(ctx, node)
    NF.regions_notes(ctx, node, spec, node.arg_span("regions"),
                     [E.str_value(region) or "?"] + others, "Scaleway", "VPC",
                     "VPC routing stays inside a region: connect the regions' instances "
                     "another way (VPN, public endpoints) if they talk",
                     "the provider's region", "Scaleway VPCs are regional: declare one "
                     "network per region")
    P.place(ctx, node, b)
    for other in others:
        vb = TfBlock("resource", (VPC, vpc_label(node, other)))
        P.emit_meta(ctx, vb, meta_only(node), {})
        vb.set("name", b.get("name"))
        vb.set("region", E.Literal(other))
        vb.note(f"the VPC of {node.address} in {other}")
        ctx.emit(node.span, vb)
    subs = subnets_of(ctx, node)
    if spec.inline_subnet is not None or not subs:
        pn = _private_network(ctx, node, node.name, spec.inline_subnet, region, spec.name.source)
        pn.note(f"the Private Network of {node.address}" + (
            "" if spec.inline_subnet else ": it declares no subnet, IPAM chooses the range"))
        ctx.emit(node.span, pn)
        _inline(ctx, node, spec.inline_subnet)
    u.done()


def _inline(ctx: Ctx, node: N.Resource, sub: NW.SubnetSpec | None) -> None:
    obj = N.first_object(node.get("subnet"))
    for k, _ in obj.items if obj is not None and sub is not None else ():
        name = E.key_name(k)
        if name in ("cidr", "ip_version") or (name == "enable_dhcp" and sub and sub.dhcp):
            continue
        ctx.sink.add("IT302", k.span or node.span, f"`subnet.{name}` of {node.address} is "
                     f"not translated: {_IPAM}; its gateway is the Public Gateway's")


def _private_network(ctx: Ctx, node: N.Resource, label: str, spec: NW.SubnetSpec | None,
                     region: E.Expr | None, name: E.Expr | None = None) -> TfBlock:
    """A Private Network: a subnet's, or a network's own (named like the network)."""
    b = TfBlock("resource", (PN, label))
    P.emit_meta(ctx, b, meta_only(node), {})
    if spec is not None and spec.name.source is not None:
        name = spec.name.source
    b.set("name", ctx.rewrite(name, node.module) if name is not None else
          E.Literal(C.scw_name(label)))
    b.set("region", region)
    net = node if node.KIND == "Network" else (
        ctx.resolve(spec.network, node.module) if spec and spec.network is not None else None)
    if net is not None and net.mode == "managed":
        here = E.str_value(region)
        label = vpc_label(net, here if here in _other_regions(ctx, net) else None)
        b.set("vpc_id", same(net, VPC, "id", label) if net is node else
              _vpc_of(ctx, node, spec, net, label))
    if spec is not None and spec.cidr.source is not None:
        b.block("ipv4_subnet").set("subnet", ctx.rewrite(spec.cidr.source, node.module))
    return b


def _vpc_of(ctx: Ctx, node: N.Resource, spec: NW.SubnetSpec | None, net: N.Resource,
            label: str) -> E.Expr:
    """The id of the VPC `label` of network `net` subnet `node` is in: the instance its
    reference names (`[each.key]`), the first one where it names none (IT308)."""
    ref = spec.network if spec is not None else None
    key, found = K.key_for(ctx, node, ref, net, node.arg_span("network_id"), "its VPC")
    return K.at(f"{VPC}.{label}", key, "id") if found else K.first_of(f"{VPC}.{label}", net, "id")


def lower_subnet(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_subnet(ctx, node)
    u = Use(ctx, node, PN)
    if node.mode == "data":
        return _lookup(ctx, node, u, None)
    region = C.map_region(ctx, node, spec.location.source)
    b = _private_network(ctx, node, node.name, spec, region)
    net = ctx.resolve(spec.network, node.module) if spec.network is not None else None
    if net is None:
        ctx.sink.add("IT308", node.arg_span("network_id"), f"the network of {node.address} "
                     "is not declared in this module: its Private Network is in no VPC of "
                     "the translation (the region's default VPC)",
                     "set vpc_id to the scaleway_vpc that replaces it")
    for k in ("network_id", "region", "name", "service_name", "cidr", "network", "ip_version"):
        u.raw(k)
    for k in ("start", "end", "allocation_pools", "allocation_pool", "dhcp", "dhcp_enabled",
              "enable_dhcp"):
        if not (k.endswith("dhcp") or k == "dhcp_enabled") or spec.dhcp is not True:
            u.drop(k, _IPAM)
        else:
            u.raw(k)
    _gateway(ctx, node, u, spec)
    for k in ("dns_nameservers", "use_default_public_dns_resolver"):
        u.drop(k, "Scaleway Private Networks resolve through the VPC's DNS")
    for k in ("host_route", "host_routes"):
        u.drop(k, "use scaleway_vpc_route on the VPC for static routes")
    u.drop("description", "a Private Network has no description (tags only)")
    u.drop("availability_zone", "a Private Network is regional: it spans the region's zones")
    P.place(ctx, node, b)
    u.done()


def _gateway(ctx: Ctx, node: N.Resource, u: Use, spec: NW.SubnetSpec) -> None:
    """No gateway is what a Private Network is until a Public Gateway attached to it pushes
    the default route (exact); an OVH gateway address is that Public Gateway's."""
    for k in ("no_gateway", "enable_gateway_ip"):
        u.raw(k)
    if spec.gateway is not False and spec.gateway_source is not None and \
            not G.attached(ctx, node):
        ctx.sink.add("IT301", spec.gateway_source.span or node.span, f"{node.address} has a "
                     "default gateway on OVH: a Scaleway Private Network routes out only "
                     "through a Public Gateway attached to it, and none is",
                     f"attach one ({G.GW_NET} with ipam_config.push_default_route)")
    u.drop("gateway_ip", "the default route is the address of the Public Gateway attached "
           "to the Private Network (IPAM chooses it)")


def _lookup(ctx: Ctx, node: N.Resource, u: Use, spec: NW.NetworkSpec | None) -> None:
    b, name = NL.named(node, u, PN, "the Private Network's name")
    ctx.sink.add("IT301" if name is not None else "IT308", node.span, f"{node.address} is "
                 "looked up as the Scaleway Private Network of that name",
                 "create or name the Private Network that replaces it")
    NL.placed(ctx, node, u, b)


DECLARE: dict[str, Declaring] = {"Network": declare_network, "Subnet": declare_subnet,
                                 **G.DECLARE}
LOWER: dict[str, Lowering] = {"Network": lower_network, "Subnet": lower_subnet, **G.LOWER}
