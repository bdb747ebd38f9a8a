"""Scaleway security groups from OpenStack groups and rules of OVH; other OpenStack types."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import firewall as F

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import omitted
from ..tfbase import passthrough as P
from ..tfbase import security_groups as SGS
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from . import common as C
from . import compute as K

SG = "scaleway_instance_security_group"


def group_id(ctx: Ctx, node: N.Resource, groups: E.Expr) -> E.Expr:
    """An instance's groups (OpenStack names or ids) as its one Scaleway security group."""
    if not isinstance(groups, E.Tuple):
        ctx.sink.add("IT309", groups.span or node.span, f"the security groups of "
                     f"{node.address} are computed: set security_group_id by hand")
        return E.Literal("TODO(IT309): security group id")
    found = SGS.declared_groups(
        ctx, node, groups, "is the zone's default Scaleway group (applied when no group is "
        "set): its rules differ (inbound accepted)", "set security_group_id to its Scaleway "
        "group")
    if len(found) > 1:
        ctx.sink.add("IT301", groups.span or node.span, f"{node.address} is in "
                     f"{len(found)} OpenStack groups: a Scaleway Instance has one security "
                     f"group, {found[0].address}'s (merge the others' rules into it)")
    if not found:  # (naming the source groups: the instances in them ask once, IT383)
        named = ", ".join(f"`{CF.shown(g)}`" for g in groups.items)
        return E.Literal(f"TODO(IT308): security group id replacing the source groups "
                         f"{named}" if named else "TODO(IT308): security group id")
    return E.ref(f"{SG}.{found[0].name}.id")


def _zone(ctx: Ctx, group: N.Resource, b: TfBlock) -> None:
    """A Scaleway group is zonal: the zone of the first server (by label) that uses it."""
    from iac_translate.compiler.passes import compute as M
    for vm in sorted(ctx.by_module.resources(group.module, "Instance"), key=lambda n: n.name):
        spec = M.read_instance(ctx, vm)
        items = spec.security_groups.items if isinstance(spec.security_groups, E.Tuple) else ()
        name = E.str_value(group.get("name"))
        if any(ctx.resolve(i, vm.module) is group or (name and E.str_value(i) == name)
               for i in items):
            K.zone(ctx, vm, b, spec.zone.text, spec.location.text, spec.location.source)
            return


def lower_group(ctx: Ctx, node: N.Resource) -> None:
    """One Scaleway group holds its rules inline (OpenStack rules are separate resources);
    OpenStack denies inbound and, unless its default rules are deleted, accepts outbound."""
    spec, u = SGS.read_group(ctx, node, SG)
    b = TfBlock("resource", (SG, node.name))
    b.set("name", ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None
          else E.Literal(C.scw_name(node.name)))
    if spec.description is not None:
        b.set("description", ctx.rewrite(spec.description, node.module))
    b.set("stateful", E.Literal(True), "OpenStack security groups are stateful")
    b.set("inbound_default_policy", E.Literal("drop"))
    b.set("outbound_default_policy", E.Literal("accept" if spec.keeps_default_rules
                                               else "drop"),
          None if spec.keeps_default_rules else "its default rules are deleted: "
          "only the listed egress is allowed")
    _zone(ctx, node, b)
    for rule in SGS.rules_of(ctx, node):
        _rule(ctx, rule, b)
    P.place(ctx, K.unbound(node), b)
    u.done()


def _rule(ctx: Ctx, node: N.Resource, group: TfBlock) -> None:
    spec = F.read_rule(ctx, node)
    table = K.table()["security_rules"]
    if node.meta.count is not None or node.meta.for_each is not None:
        ctx.sink.add("IT308", node.span, f"{node.address} is repeated: write its rules in "
                     f"{SG}.{group.labels[1]} with a dynamic block")
        return
    if spec.remote_group is not None:
        ctx.sink.add("IT302", spec.remote_group.span or node.span, f"{node.address} admits "
                     "the members of another group: a Scaleway security group rule takes an "
                     "IP range only (use the Private Network's CIDR)")
        return
    r = group.block("inbound_rule" if spec.direction is F.Direction.INGRESS
                    else "outbound_rule")
    r.set("action", E.Literal("accept"))
    proto = (spec.protocol_text or "").lower()
    r.set("protocol", E.Literal(table["any"]) if spec.protocol is None else E.Literal(
        table["protocols"].get(proto, proto.upper())) if spec.protocol_text is not None
        else ctx.rewrite(spec.protocol, node.module))
    lo, hi = spec.port_min, spec.port_max
    if lo is not None and (hi is None or to_hcl(hi) == to_hcl(lo)):
        r.set("port", ctx.rewrite(lo, node.module))
    elif lo is not None and hi is not None:
        r.set("port_range", SGS.port_range(ctx, node, lo, hi))
    r.set("ip_range", ctx.rewrite(spec.cidr, node.module) if spec.cidr is not None
          else E.Literal(spec.anywhere))


def lower_rule(ctx: Ctx, node: N.Resource) -> None:
    """Written inline by its group's lowering (lower_group)."""
    u, spec, group = SGS.read_rule(ctx, node, SG)
    ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
    block = ctx.primary.get(ctx.key_of(group)) if group is not None else None
    if block is not None:
        ctx.merged(node, block)
        if spec.description is not None:
            ctx.sink.add("IT302", spec.description.span or node.span, f"the description of "
                         f"{node.address} is not translated: Scaleway rules have none")
    u.done()


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_openstack_other(ctx, node, "Scaleway")


DECLARE: dict[str, Declaring] = {
    "SecurityGroup": lambda ctx, node: RefTarget(f"{SG}.{node.name}", {"name": "{self}.name"}),
    "SecurityRule": omitted.declare_nothing, "OpenStackOther": omitted.declare_nothing}
LOWER: dict[str, Lowering] = {"SecurityGroup": lower_group, "SecurityRule": lower_rule,
                              "OpenStackOther": lower_other}
