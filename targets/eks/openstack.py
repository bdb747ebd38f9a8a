"""EKS lowering of OpenStack security groups, their rules and volume attachments of OVH."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes import disks as D
from iac_translate.compiler.passes import firewall as F
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import lb_family as LF
from ..tfbase import omitted, reftables
from ..tfbase import passthrough as P
from ..tfbase import security_groups as SGS
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from . import common as C
from . import loadbalancer, network
from .placement import companion, network_ref, note, platform, unbound

SG = "aws_security_group"
RULE = {F.Direction.INGRESS: "aws_vpc_security_group_ingress_rule",
        F.Direction.EGRESS: "aws_vpc_security_group_egress_rule"}
ATTACH = "aws_volume_attachment"


def group_ids(ctx: Ctx, node: N.Resource, groups: E.Expr | None,
              vpc: E.Expr | None = None) -> E.Expr | None:
    """Security groups of an instance (OpenStack names or ids) as AWS security group ids;
    OpenStack's `default` group is the VPC's default group (the same rules: ingress from its
    members, all egress)."""
    if groups is None:
        return None
    if not isinstance(groups, E.Tuple):
        return ctx.rewrite(groups, node.module)
    out: list[E.Expr] = []
    for item in groups.items:
        found = ctx.resolve(item, node.module) or SGS.group_named(ctx, node,
                                                                  E.str_value(item))
        if found is not None and found.KIND == "SecurityGroup":
            out.append(_group_id(ctx, node, item, found))
            continue
        if E.str_value(item) == "default" and vpc is not None:
            out.append(_default_group(ctx, node, vpc))
            continue
        note(ctx, "openstack.group_unknown", item.span or node.span,
             address=node.address, item=E.str_value(item) or to_hcl(item))
        # (naming the source group: the instances in it ask for one id, IT383)
        out.append(E.Literal(f"TODO(IT308): security group id replacing the source group "
                             f"`{CF.shown(item)}`"))
    return E.Tuple(tuple(out), span=groups.span)


def _group_id(ctx: Ctx, node: N.Resource, ref: E.Expr | None, group: N.Resource) -> E.Expr:
    """The id of the AWS group a reference (or a name) points at, with its instance key
    (`g[count.index].name` is `aws_security_group.g[count.index].id`)."""
    t = E.traversal(ctx.rewrite(ref, node.module)) if ref is not None else None
    if t is None or t[0] != SG or not t[1] or t[1][-1][0] != "attr":
        return E.ref(f"{SG}.{group.name}.id")
    return E.build_traversal(SG, [*t[1][:-1], ("attr", "id")])


def _default_group(ctx: Ctx, node: N.Resource, vpc: E.Expr) -> E.Expr:
    t = E.traversal(vpc)
    label = "default" if t is None or t[0] == "data" else f"{t[1][0][1]}_default"
    companion(ctx, "default_group", node, group=label, vpc=vpc)
    return E.ref(f"data.{SG}.{label}.id")


def lower_group(ctx: Ctx, node: N.Resource) -> None:
    spec, u = SGS.read_group(ctx, node, SG)
    b = TfBlock("resource", (SG, node.name))
    b.set("name", C.name_value(node, spec.name.source and
                               ctx.rewrite(spec.name.source, node.module)))
    if spec.description is not None:
        b.set("description", ctx.rewrite(spec.description, node.module))
    b.set("vpc_id", _vpc(ctx, node))
    for path, why in platform()["not_translated"]["security_group"].items():
        u.drop(path, why)
    P.place(ctx, unbound(node), b)
    if spec.keeps_default_rules:
        companion(ctx, "default_egress", node)
    u.done()


def _vpc(ctx: Ctx, node: N.Resource) -> E.Expr:
    """The VPC of the instances using the group (an AWS group belongs to one VPC, OpenStack
    groups span networks), else of the module's one network."""
    vpcs = {to_hcl(v): v for vm in ctx.by_module.resources(node.module, "Instance")
            if _uses(ctx, vm, node) for v in (instance_vpc(ctx, vm),)}
    if len(vpcs) > 1:
        note(ctx, "openstack.group_vpcs", node.span, address=node.address)
    if vpcs:
        return vpcs[sorted(vpcs)[0]]
    nets = sorted((n for n in ctx.by_module.resources(node.module, "Network")
                   if n.mode == "managed"), key=lambda n: n.name)
    if len(nets) > 1:
        note(ctx, "openstack.group_networks", node.span, address=node.address,
             first=nets[0].address)
    ref = E.ref(f"{nets[0].type}.{nets[0].name}.id") if nets else None
    return network.vpc_id_of(ctx, node, ref)


def _uses(ctx: Ctx, vm: N.Resource, group: N.Resource) -> bool:
    groups = vm.get("security_groups") or vm.get("security_group_ids")
    items = groups.items if isinstance(groups, E.Tuple) else ()
    name = E.str_value(group.get("name"))
    return any(ctx.resolve(i, vm.module) is group or (name and E.str_value(i) == name)
               for i in items)


def instance_vpc(ctx: Ctx, vm: N.Resource) -> E.Expr:
    """The VPC an instance is placed in (its private network's, else the default VPC)."""
    spec = M.read_instance(ctx, vm)
    net = spec.network
    ref = network_ref(ctx, vm, net.subnet, net.network)
    if ref is None:
        return network.default_vpc(ctx, vm.module)[0]
    return network.vpc_id_of(ctx, vm, ref)


def lower_rule(ctx: Ctx, node: N.Resource) -> None:
    spec = F.read_rule(ctx, node)
    kind = RULE[spec.direction]
    u, b = ST.begin(ctx, node, SGS.RULE_READ, kind)
    group = ctx.resolve(spec.group, node.module)
    if group is not None and group.KIND == "SecurityGroup":
        b.set("security_group_id", _group_id(ctx, node, spec.group, group))
    else:
        note(ctx, "openstack.rule_group_unknown", node.span, address=node.address)
        b.set("security_group_id", E.Literal(
            "TODO(IT308): security group id" + (f" replacing the source group "
                                                f"`{CF.shown(spec.group)}`"
                                                if spec.group is not None else "")))
    proto = (spec.protocol_text or "").lower()
    rules = platform()["security_rules"]
    b.set("ip_protocol", E.Literal("-1") if spec.protocol is None else E.Literal(
        rules["protocols"].get(proto, proto)) if spec.protocol_text is not None
        else ctx.rewrite(spec.protocol, node.module))
    lo, hi = spec.port_min, spec.port_max or spec.port_min
    ports = (ctx.rewrite(lo, node.module), ctx.rewrite(hi, node.module)) \
        if lo is not None and hi is not None else tuple(map(C.num, rules["all_ports"].get(
            proto, ()))) or (None, None)
    b.set("from_port", ports[0])
    b.set("to_port", ports[1])
    remote = ctx.resolve(spec.remote_group, node.module)
    if spec.remote_group is not None:
        b.set("referenced_security_group_id", _group_id(ctx, node, spec.remote_group, remote)
              if remote is not None and remote.KIND == "SecurityGroup"
              else ctx.rewrite(spec.remote_group, node.module))
    else:
        b.set("cidr_ipv6" if spec.ipv6 else "cidr_ipv4",
              ctx.rewrite(spec.cidr, node.module) if spec.cidr is not None
              else E.Literal(spec.anywhere))
    # Every rule says why it exists (checkov CKV_AWS_23): the source's words, else its address.
    b.set("description", ctx.rewrite(spec.description, node.module)
          if spec.description is not None else E.Literal(f"OVH rule {node.address}"))
    P.place(ctx, unbound(node), b)
    u.done()


def lower_attachment(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_attachment(ctx, node)
    u, b = ST.begin(ctx, node, ("instance_id", "volume_id", "device", "region"), ATTACH)
    if spec.device is not None:
        b.set("device_name", ctx.rewrite(spec.device, node.module))
        note(ctx, "openstack.nvme_device", spec.device.span or node.span,
             address=node.address)
    else:
        b.set("device_name", E.Literal("/dev/sdf"))
        note(ctx, "openstack.device_default", node.span, address=node.address)
    b.set("volume_id", _ref(ctx, node, spec.volume))
    b.set("instance_id", _ref(ctx, node, spec.instance))
    P.place(ctx, unbound(node), b)
    u.done()


def _ref(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr:
    return ctx.rewrite(expr, node.module) if expr is not None else E.Literal("TODO(IT308)")


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    LF.openstack_other(ctx, node, loadbalancer.lower_octavia, loadbalancer.lower_octavia_part,
                       "EKS")


declare_nothing = omitted.declare_nothing


def _declare_other(ctx: Ctx, node: N.Resource) -> RefTarget:
    """References to an Octavia load balancer follow OVH's (vip_address -> dns_name)."""
    if node.type == LB.OCTAVIA and node.mode != "data":
        return loadbalancer.declare_loadbalancer(ctx, node)
    if node.type == "openstack_lb_listener_v2" and \
            (target := loadbalancer.declare_octavia_listener(ctx, node)) is not None:
        return target
    return declare_nothing(ctx, node)


DECLARE: dict[str, Declaring] = {**reftables.declarings(platform()["references"], (
    "SecurityGroup", "VolumeAttachment")), "SecurityRule": declare_nothing,
                                 "OpenStackOther": _declare_other}
LOWER: dict[str, Lowering] = {"SecurityGroup": lower_group, "SecurityRule": lower_rule,
                              "VolumeAttachment": lower_attachment,
                              "OpenStackOther": lower_other}
