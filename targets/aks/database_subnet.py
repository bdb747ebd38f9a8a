"""The delegated subnet a VNet-integrated Flexible Server on an OVH private network needs."""

from __future__ import annotations

import ipaddress
import itertools

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..tfbase import companions, readings
from ..tfbase.context import Ctx
from ..tfbase.keyed import num
from ..tfbase.modrefs import passed_by_every_call
from ..tfbase.module_index import subnets_of
from . import common as C
from . import database as D
from . import database_handed as H

# delegated_subnet_id must be the id of a real subnet (a placeholder fails plan: an invalid
# resource id). Where its range comes from, by what is certain of the network's VNet:
# - the VNet is made beside the database, or in the module that calls the database's with the
#   network as a variable (`handed`), in one region, the network not repeated:
#   - its subnets' ranges are literal: the next free /24s of the first subnet's /16
#     (ranges_of), added to the VNet's address space;
#   - they are all cidrsubnet(<one base>, <n>, <k>) with literal n and k: cidrsubnet(base,
#     max n, the first k none of them takes) (computed_of): Terraform computes it, and it
#     overlaps none of them whatever the base's value, as the subnets are carved alike;
#   - else (a variable, count.index): no free range is certain: a required variable
#     `<db>_delegated_cidr` the subnet and the VNet's address space read;
# - else (remote state, a lookup, a network of several regions, a repeated database): see
#   database_net.network (a required `<db>_delegated_subnet_id`).
SUBNET = "azurerm_subnet"
FLEXIBLE = ("postgresql_flexible", "mysql_flexible")
# A /24 per server: room for high availability's standby and for scaling (Azure takes 5
# addresses of every subnet); the smallest Flexible Server accepts is /28 (MySQL /29).
PREFIX = 24
_SMALLEST = {"postgresql_flexible": 28, "mysql_flexible": 29}


def label(node: N.Resource, call: N.ModuleCall | None = None) -> str:
    return f"{node.name}_delegated" if call is None else f"{call.name}_{node.name}_delegated"


def network_of(ctx: Ctx, db: N.Resource) -> N.Resource | None:
    """The OVH private network (declared, managed, of the same module) the database is on."""
    first = D.spec_of(ctx, db).nodes.first
    if first is None or first.network is None:
        return None
    net = ctx.resolve(first.network, db.module)
    if net is None or net.KIND != "Network" or net.mode != "managed" or net.module != db.module:
        return None
    return net


def _passed(ctx: Ctx, db: N.Resource) -> list[tuple[N.ModuleCall, N.Resource]]:
    """(call, network) of every call of the database's module when it reads its network as
    `var.x` and each call passes a managed network declared in the calling module (on Azure
    the VNet's id: declare_network); [] when one does not."""
    first = D.spec_of(ctx, db).nodes.first
    net = first.network if first is not None else None
    return [(call, found) for _, call, found in
            passed_by_every_call(ctx, db.module, net, ("Network",))]


def vnet_passed(ctx: Ctx, db: N.Resource) -> bool:
    """Whether the database's `var.x` network is a VNet id in every call (see _passed)."""
    return bool(_passed(ctx, db))


def handed(ctx: Ctx, db: N.Resource) -> tuple[N.Resource, N.ModuleCall] | None:
    """(network, call) when the database's module has one call, not repeated, that passes it
    a managed network declared in the calling module: the subnet is made there."""
    passed = _passed(ctx, db)
    if len(passed) != 1:
        return None
    call, net = passed[0]
    if call.arg("count") is not None or call.arg("for_each") is not None:
        return None
    return net, call


def home_of(ctx: Ctx, db: N.Resource) -> tuple[N.Resource, N.ModuleCall | None] | None:
    """The network whose VNet gets the database's delegated subnet, and the call handing it."""
    net = network_of(ctx, db)
    return (net, None) if net is not None else handed(ctx, db)


def key(db: N.Resource) -> str:
    return f"{db.module}|{db.address}"


def _dbs(ctx: Ctx, net: N.Resource) -> list[N.Resource]:
    """The single Flexible Servers homed in `net`: of its module, then of modules it calls."""
    return list(_homed(ctx).get(id(net), ()))


def _homed(ctx: Ctx) -> dict[int, list[N.Resource]]:
    """id(network) -> the single Flexible Servers homed in it, of its module first, then by
    module and address. One scan per translation: asked per network, a scan of the
    databases was quadratic in a module of many (aks at 50,000 resources: 1.35x)."""
    def build() -> dict[int, list[N.Resource]]:
        out: dict[int, list[N.Resource]] = {}
        for db in ctx.nodes.values():
            if db.KIND == "Database" and isinstance(db, N.Resource) and \
                    db.mode == "managed" and db.meta.count is None and \
                    db.meta.for_each is None and D.service_of(ctx, db) in FLEXIBLE and \
                    (home := home_of(ctx, db)) is not None:
                out.setdefault(id(home[0]), []).append(db)
        nets = {id(n): n for n in ctx.nodes.values()}
        for k, dbs in out.items():
            m = nets[k].module
            dbs.sort(key=lambda d: (d.module != m, d.module, d.address))
        return out
    return readings.index(ctx, "aks.homed_databases", build)


def _subnets(ctx: Ctx, net: N.Resource) -> list[N.Resource] | None:
    """The network's subnets when one VNet holds them all (one region, no count/for_each)."""
    from .network import regions_of  # (network.py asks this module for its space)
    if len(regions_of(ctx, net)) != 1 or net.meta.count is not None or \
            net.meta.for_each is not None:
        return None
    return subnets_of(ctx, net) or None


def ranges_of(ctx: Ctx, net: N.Resource) -> dict[str, ipaddress.IPv4Network]:
    """Database key -> the range of its delegated subnet in `net`'s VNet when every subnet's
    range is a literal: the first /24s of the first subnet's /16 that none takes. (A range
    read from a variable's default is not one: the variable may be set otherwise.)"""
    def build() -> dict[str, ipaddress.IPv4Network]:
        taken: list[ipaddress.IPv4Network] = []
        for s in _subnets(ctx, net) or ():
            cidr = NW.read_subnet(ctx, s).cidr
            try:
                if not isinstance(cidr.source, E.Literal):
                    return {}
                taken.append(ipaddress.IPv4Network(cidr.text or ""))
            except ValueError:
                return {}
        if not taken:
            return {}
        first = taken[0]
        base = first.supernet(new_prefix=16) if first.prefixlen > 16 else first
        free = (c for c in base.subnets(new_prefix=max(PREFIX, base.prefixlen))
                if not any(c.overlaps(t) for t in taken))
        return {key(db): c for db, c in zip(_dbs(ctx, net), free, strict=False)}
    return readings.index(ctx, f"aks.delegated_ranges {net.module} {net.address}", build)


def _carved(ctx: Ctx, subs: list[N.Resource]) -> tuple[E.Expr, list[tuple[int, int]]] | None:
    """(base, [(newbits, netnum)]) when every subnet's range is cidrsubnet(base, n, k) of one
    base and literal numbers."""
    base: E.Expr | None = None
    parts: list[tuple[int, int]] = []
    for s in subs:
        src = NW.read_subnet(ctx, s).cidr.source
        src = E.unwrap(src) if src is not None else None
        if not isinstance(src, E.Call) or src.name != "cidrsubnet" or len(src.args) != 3:
            return None
        b, n, k = src.args
        if base is not None and b != base or not all(
                isinstance(x, E.Literal) and type(x.value) is int for x in (n, k)):
            return None
        base = b
        parts.append((int(n.value), int(k.value)))
    return (base, parts) if base is not None else None


def computed_of(ctx: Ctx, net: N.Resource) -> dict[str, E.Expr]:
    """Database key -> the range expression of its delegated subnet when the network's
    subnets' ranges are computed (see the head of this module); written in `net`'s module."""
    def build() -> dict[str, E.Expr]:
        subs = _subnets(ctx, net)
        if subs is None or ranges_of(ctx, net):
            return {}
        dbs = _dbs(ctx, net)
        carved = _carved(ctx, subs)
        if carved is None:
            return {key(db): _range_variable(ctx, net, db) for db in dbs}
        base, parts = carved
        bits = max(n for n, _ in parts)
        taken = [(k << (bits - n), (k + 1) << (bits - n)) for n, k in parts]
        free = (c for c in itertools.islice(itertools.count(), 1 << bits)
                if not any(lo <= c < hi for lo, hi in taken))
        where = ctx.rewrite(base, net.module)
        return {key(db): E.Call("cidrsubnet", (where, num(bits), num(c)))
                for db, c in zip(dbs, free, strict=False)}
    return readings.index(ctx, f"aks.delegated_computed {net.module} {net.address}", build)


def _range_variable(ctx: Ctx, net: N.Resource, db: N.Resource) -> E.Expr:
    service = D.service_of(ctx, db) or FLEXIBLE[0]
    return H.declare(ctx, net.module, f"{db.name}_delegated_cidr",
                     f"A free address range (/{_SMALLEST[service]} at least; a /24 leaves room "
                     f"for high availability) for the subnet delegated to {D.RESOURCE[service]} "
                     f"{db.name}, in the VNet that replaces {net.address}: it is added to the "
                     "VNet's address space, so it must overlap none of its subnets",
                     f"the range of the subnet {db.address} is VNet-integrated in (its "
                     "network's ranges are computed: no free one is certain)")


def delegated(ctx: Ctx, node: N.Resource, service: str, delegation: str) -> E.Expr | None:
    """Emit the subnet delegated to `delegation` for database `node` in its network's VNet
    and return its id; None when that VNet is not made here (database_net says so)."""
    home = home_of(ctx, node)
    if home is None:
        return None
    net, call = home
    found = ranges_of(ctx, net).get(key(node))
    rng = E.Literal(str(found)) if found is not None else computed_of(ctx, net).get(key(node))
    if rng is None:
        return None
    from .network import vnet_label
    vnet = f"azurerm_virtual_network.{vnet_label(net, None, None)}"
    b = TfBlock("resource", (SUBNET, label(node, call)))
    b.note(f"the subnet {D.RESOURCE[service]}.{node.name} is VNet-integrated in: delegated to "
           "it, nothing else may use it; its range is added to the VNet's address space")
    b.set("name", E.Literal(C.az_name(f"{node.name.replace('_', '-')}-delegated", 80)))
    b.set("resource_group_name", C.resource_group(ctx, net.module)[0])
    b.set("virtual_network_name", E.ref(f"{vnet}.name"))
    b.set("address_prefixes", E.Tuple((rng,)))
    d = b.block("delegation")
    d.set("name", E.Literal("flexible-server"))
    sd = d.block("service_delegation")
    sd.set("name", E.Literal(delegation))
    sd.set("actions", E.Tuple((E.Literal(
        "Microsoft.Network/virtualNetworks/subnets/join/action"),)))
    ctx.emit(node.span if call is None else net.span, b)
    nodes = node.get("nodes")  # (at the block: where OVH placed the database's nodes)
    at = nodes.span if nodes is not None else None
    _said(ctx, node, at or node.span, rng, f"{SUBNET}.{label(node, call)}", delegation,
          (vnet, net.module), call)
    if call is None:
        return companions.same(node, SUBNET, "id", label(node))
    name = f"{node.name}_delegated_subnet_id"
    return H.declare(ctx, node.module, name, f"Id of the subnet delegated to {delegation} "
                     f"that {D.RESOURCE[service]}.{node.name} is VNet-integrated in",
                     f"the delegated subnet of {node.address}, made beside the VNet by the "
                     "calling module", {(net.module, call.name): E.ref(
                         f"{SUBNET}.{label(node, call)}.id")})


def _said(ctx: Ctx, node: N.Resource, at: Span | None, rng: E.Expr, sub: str, delegation: str,
          vnet: tuple[str, str], call: N.ModuleCall | None) -> None:
    """IT301: where the server is (IT308 when a human must give the range)."""
    passed = H.variable(ctx, node.module, f"{node.name}_delegated_subnet_id")
    where = "" if call is None else f", made by the calling module and passed by " \
        f"module.{call.name} as var.{passed}"
    text = E.str_value(rng)
    t = E.traversal(rng)
    if t is not None and t[0] == "var":
        var = str(t[1][0][1])
        name = H.wanted(ctx, vnet[1], var)  # (`given` finds the roots by the wanted name)
        ctx.sink.add("IT308", at, f"{node.address} is on an OVH private network whose subnets' "
                     "ranges are computed, so no free range beside them is certain: its "
                     f"VNet-integrated server is in {sub} (delegated to {delegation}){where}, "
                     f"whose range is var.{var} ({H.given(ctx, vnet[1], name)}), added to "
                     f"{vnet[0]}'s address space", "set it to a free range of the VNet (a /24)")
        return
    shown = text if text is not None else f"`{to_hcl(rng)}`: the first block of its subnets' " \
        "size that none of them takes"
    ctx.sink.add("IT301", at, f"{node.address} is on an OVH private network: "
                 f"its VNet-integrated server is in {sub} ({shown}, "
                 f"delegated to {delegation}), a subnet of its own in {vnet[0]}'s address "
                 f"space{where} (on OVH the database took addresses of the network's subnet)")

