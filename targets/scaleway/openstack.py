"""Scaleway security groups from OpenStack groups and rules of OVH; other OpenStack types."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import firewall as F

from ..hclwrite import TfBlock
from ..tfbase import omitted
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import compute as K

SG = "scaleway_instance_security_group"


def _group_named(ctx: Ctx, node: N.Resource, name: str | None) -> N.Resource | None:
    return next((g for g in ctx.by_module.resources(node.module, "SecurityGroup")
                 if name is not None and E.str_value(g.get("name")) == name), None)


def group_id(ctx: Ctx, node: N.Resource, groups: E.Expr) -> E.Expr:
    """An instance's groups (OpenStack names or ids) as its one Scaleway security group."""
    if not isinstance(groups, E.Tuple):
        ctx.sink.add("IT309", groups.span or node.span, f"the security groups of "
                     f"{node.address} are computed: set security_group_id by hand")
        return E.Literal("TODO(IT309): security group id")
    found = []
    for item in groups.items:
        g = ctx.resolve(item, node.module) or _group_named(ctx, node, E.str_value(item))
        if g is not None and g.KIND == "SecurityGroup":
            found.append(g)
        elif E.str_value(item) == "default":
            ctx.sink.add("IT301", item.span or node.span, f"OpenStack's `default` group of "
                         f"{node.address} is the zone's default Scaleway group (applied "
                         "when no group is set): its rules differ (inbound accepted)")
        else:
            ctx.sink.add("IT308", item.span or node.span, f"security group "
                         f"`{E.str_value(item) or to_hcl(item)}` of {node.address} is not "
                         "declared here; set security_group_id to its Scaleway group")
    if len(found) > 1:
        ctx.sink.add("IT301", groups.span or node.span, f"{node.address} is in "
                     f"{len(found)} OpenStack groups: a Scaleway Instance has one security "
                     f"group, {found[0].address}'s (merge the others' rules into it)")
    if not found:
        return E.Literal("TODO(IT308): security group id")
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


def _rules_of(ctx: Ctx, group: N.Resource) -> list[N.Resource]:
    return [r for r in ctx.by_module.resources(group.module, "SecurityRule")
            if ctx.resolve(F.read_rule(ctx, r).group, r.module) is group]


def lower_group(ctx: Ctx, node: N.Resource) -> None:
    """One Scaleway group holds its rules inline (OpenStack rules are separate resources);
    OpenStack denies inbound and, unless its default rules are deleted, accepts outbound."""
    spec = F.read_group(ctx, node)
    u = Use(ctx, node, SG)
    for path in ("name", "description", "delete_default_rules", "region", "tenant_id"):
        u.raw(path)
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
    for rule in _rules_of(ctx, node):
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
        a, z = E.str_value(lo) or to_hcl(lo), E.str_value(hi) or to_hcl(hi)
        r.set("port_range", E.Literal(f"{a}-{z}") if a.isdigit() and z.isdigit() else
              E.Template((E.Interp(ctx.rewrite(lo, node.module)), "-",
                          E.Interp(ctx.rewrite(hi, node.module)))))
    r.set("ip_range", ctx.rewrite(spec.cidr, node.module) if spec.cidr is not None
          else E.Literal(spec.anywhere))


def lower_rule(ctx: Ctx, node: N.Resource) -> None:
    """Written inline by its group's lowering (lower_group)."""
    u = Use(ctx, node, SG)
    for path in ("direction", "ethertype", "protocol", "port_range_min", "port_range_max",
                 "remote_ip_prefix", "remote_group_id", "security_group_id", "description",
                 "region", "tenant_id"):
        u.raw(path)
    spec = F.read_rule(ctx, node)
    group = ctx.resolve(spec.group, node.module)
    block = ctx.primary.get(ctx.key_of(group)) if group is not None else None
    ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
    if group is None or group.KIND != "SecurityGroup":
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its security "
                     "group is not declared in this module")
    elif block is not None:
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
