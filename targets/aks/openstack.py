"""Azure network security groups from OVH's OpenStack groups and rules; other OpenStack types."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import firewall as F

from ..hclwrite import TfBlock
from ..tfbase import omitted
from ..tfbase import passthrough as P
from ..tfbase import security_groups as SGS
from ..tfbase.companions import same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from . import common as C

NSG, RULE = "azurerm_network_security_group", "azurerm_network_security_rule"
_PROTOCOLS = {"tcp": "Tcp", "udp": "Udp", "icmp": "Icmp", "ipv6-icmp": "Icmp"}
# Rules in label order (rules_of) from this priority, 10 apart (Azure takes 100-4096, lowest first;
# OpenStack rules are unordered allows, so the order does not change what is allowed).
_FIRST, _STEP, _LAST = 100, 10, 4096


def unbound(node: N.Resource) -> N.Resource:
    """The node without `provider = openstack.x`: that provider is removed."""
    from dataclasses import replace
    if node.meta.provider is not None and not node.type.startswith("ovh_"):
        return replace(node, meta=replace(node.meta, provider=None))
    return node


def groups_of(ctx: Ctx, node: N.Resource, groups: E.Expr) -> list[N.Resource]:
    """An instance's groups (OpenStack names or references) declared in this module."""
    if not isinstance(groups, E.Tuple):
        ctx.sink.add("IT309", groups.span or node.span, f"the security groups of "
                     f"{node.address} are computed: associate NSGs with its NIC by hand")
        return []
    return SGS.declared_groups(
        ctx, node, groups, "becomes Azure's default NSG rules (VNet and load balancer "
        "inbound, all outbound)", "associate its Azure NSG with the VM's NIC by hand")


def lower_group(ctx: Ctx, node: N.Resource) -> None:
    """An NSG; OpenStack denies inbound and, unless its default rules are deleted, allows
    outbound, as an NSG's default rules do (plus VNet-internal inbound: IT301)."""
    spec, u = SGS.read_group(ctx, node, NSG)
    group, where = C.resource_group(ctx, node.module)
    b = TfBlock("resource", (NSG, node.name))
    if spec.description is not None:
        b.note(f"{E.str_value(spec.description) or 'description'} (from {node.address})")
    b.set("name", ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None
          else C.instance_name(node, node.name.replace("_", "-")))
    b.set("location", where)
    b.set("resource_group_name", group)
    P.place(ctx, unbound(node), b)
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an NSG: its default rules also "
                 "admit traffic from the whole VNet and the Azure load balancer, which an "
                 "OpenStack group denies", "add a Deny rule (priority 4000) for "
                 "VirtualNetwork inbound to match OpenStack")
    if not spec.keeps_default_rules:
        d = TfBlock("resource", (RULE, f"{node.name}_deny_outbound"))
        d.note(f"{node.address} deletes OpenStack's default egress: only its listed egress")
        for k, v in (("name", "deny-all-outbound"), ("priority", _LAST),
                     ("direction", "Outbound"), ("access", "Deny"), ("protocol", "*"),
                     ("source_port_range", "*"), ("destination_port_range", "*"),
                     ("source_address_prefix", "*"), ("destination_address_prefix", "*")):
            d.set(k, E.Literal(v, str(v)) if isinstance(v, int) else E.Literal(v))
        d.set("resource_group_name", group)
        d.set("network_security_group_name", same(node, NSG, "name"))
        P.emit_meta(ctx, d, unbound(node), {})
        ctx.emit(node.span, d)
    u.done()


def lower_rule(ctx: Ctx, node: N.Resource) -> None:
    u, spec, group = SGS.read_rule(ctx, node, RULE)
    if group is None:
        return u.done()
    if spec.remote_group is not None:
        ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: it admits "
                     "the members of another group", "Azure does this with application "
                     "security groups: an azurerm_application_security_group on the members' "
                     "NICs and source_application_security_group_ids on the rule")
        return u.done()
    rules = SGS.rules_of(ctx, group)
    index = rules.index(node) if node in rules else 0
    inbound = spec.direction is F.Direction.INGRESS
    b = TfBlock("resource", (RULE, node.name))
    b.set("name", E.Literal(C.az_name(node.name.replace("_", "-"), 80)))
    b.set("priority", E.Literal(_FIRST + _STEP * index, str(_FIRST + _STEP * index))
          if node.meta.count is None else E.Binary("+", E.Literal(
              _FIRST + _STEP * index, str(_FIRST + _STEP * index)), E.ref("count.index")))
    if node.meta.for_each is not None:
        ctx.sink.add("IT308", node.span, f"{node.address} is repeated by for_each: give each "
                     "instance its own priority (Azure refuses two rules of one priority)")
    b.set("direction", E.Literal("Inbound" if inbound else "Outbound"))
    b.set("access", E.Literal("Allow"))
    proto = (spec.protocol_text or "").lower()
    b.set("protocol", E.Literal("*") if spec.protocol is None else E.Literal(
        _PROTOCOLS.get(proto, "*")))
    if spec.protocol is not None and proto not in _PROTOCOLS:
        ctx.sink.add("IT301", spec.protocol.span or node.span, f"protocol "
                     f"`{spec.protocol_text or to_hcl(spec.protocol)}` of {node.address}: an "
                     "NSG rule takes Tcp, Udp, Icmp, Esp, Ah or *: it allows every protocol")
    b.set("source_port_range", E.Literal("*"))
    b.set("destination_port_range", _ports(ctx, node, spec))
    remote = ctx.rewrite(spec.cidr, node.module) if spec.cidr is not None else E.Literal("*")
    b.set("source_address_prefix", remote if inbound else E.Literal("*"))
    b.set("destination_address_prefix", E.Literal("*") if inbound else remote)
    if spec.description is not None:
        b.set("description", ctx.rewrite(spec.description, node.module))
    grp, _ = C.resource_group(ctx, node.module)
    b.set("resource_group_name", grp)
    b.set("network_security_group_name", same(group, NSG, "name"))
    P.place(ctx, unbound(node), b)
    u.done()


def _ports(ctx: Ctx, node: N.Resource, spec: F.RuleSpec) -> E.Expr:
    lo, hi = spec.port_min, spec.port_max
    if lo is None:
        return E.Literal("*")
    if hi is None or to_hcl(hi) == to_hcl(lo):
        return ctx.rewrite(lo, node.module) if E.str_value(lo) is None else E.Literal(
            E.str_value(lo) or "*")
    return SGS.port_range(ctx, node, lo, hi)


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_openstack_other(ctx, node, "Azure")


DECLARE: dict[str, Declaring] = {
    "SecurityGroup": lambda ctx, node: RefTarget(f"{NSG}.{node.name}", {"name": "{self}.name"}),
    "SecurityRule": lambda ctx, node: RefTarget(f"{RULE}.{node.name}", {}),
    "OpenStackOther": omitted.declare_nothing}
LOWER: dict[str, Lowering] = {"SecurityGroup": lower_group, "SecurityRule": lower_rule,
                              "OpenStackOther": lower_other}
