"""EKS load balancer targets admit the load balancer (its security group on their port)."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from .placement import note

RULE = "aws_vpc_security_group_ingress_rule"
# Source instances that name no security group: on EC2 they get the VPC's default group,
# which admits only its own members (OVH's default group admitted every address).
# (None: the type has no such argument.)
_GROUPS: dict[str, str | None] = {"openstack_compute_instance_v2": "security_groups",
                                  "ovh_cloud_project_instance": None}


def _default_group(vpc: E.Expr) -> E.Expr | None:
    """`aws_vpc.x[k].default_security_group_id` of `aws_vpc.x[k].id` (a lookup of an
    existing VPC, data.aws_vpc, does not export its default group)."""
    t = E.traversal(vpc)
    if t is None or t[0] != "aws_vpc" or t[1][-1:] != [("attr", "id")]:
        return None
    return E.build_traversal("aws_vpc", [*t[1][:-1], ("attr", "default_security_group_id")])


def _on_default_group(ctx: Ctx, node: N.Resource, m: LB.Member) -> N.Resource | None:
    """The instance member `m` addresses when it names no security group (None: not an
    instance, or one with groups of its own)."""
    inst = ctx.resolve(m.address.source, node.module)
    if inst is None or inst.type not in _GROUPS:
        return None
    arg = _GROUPS[inst.type]
    return inst if arg is None or inst.get(arg) is None else None


def admit(ctx: Ctx, node: N.Resource, key: str, members: tuple[LB.Member, ...],
          port: E.Expr, proto: str, vpc: E.Expr) -> None:
    """For listener `key` (its target group's `port`, `proto`): one ingress rule on the VPC
    default group from the load balancer's group (ALB and NLB traffic, health checks too,
    leave from it) when every member is an instance on that group; else IT308."""
    if not members:
        return
    sg = companions.same(node, "aws_security_group", "id", f"{node.name}_lb")
    if all(_open_to_all(ctx, node, m, to_hcl(port), proto) for m in members):
        return  # their own groups already admit any address on the port
    instances = [_on_default_group(ctx, node, m) for m in members]
    group = _default_group(vpc)
    at = node.span
    if group is None or any(i is None for i in instances):
        note(ctx, "lb.targets_unreachable", at, address=node.address, port=to_hcl(port),
             group=to_hcl(sg))
        return
    b = TfBlock("resource", (RULE, f"{key}_targets"))
    b.set("security_group_id", group)
    b.set("referenced_security_group_id", sg)
    b.set("from_port", port)
    b.set("to_port", port)
    b.set("ip_protocol", E.Literal("udp" if proto.upper() == "UDP" else "tcp"))
    b.set("description", E.Literal(f"targets of {node.address} admit its load balancer"))
    if node.meta.count is not None or node.meta.for_each is not None:
        P.emit_meta(ctx, b, companions.meta_only(node), {})
    ctx.emit(node.span, b)
    names = sorted({i.address for i in instances if i is not None})
    note(ctx, "lb.targets_admit", at, address=node.address, port=to_hcl(port),
         instances=", ".join(names), rule=f"{RULE}.{key}_targets")



def _open_to_all(ctx: Ctx, node: N.Resource, m: LB.Member, port: str, proto: str) -> bool:
    """The instance `m` addresses has a security group of the source with an ingress rule
    (openstack_networking_secgroup_rule_v2) admitting any IPv4 address on `port`."""
    inst = ctx.resolve(m.address.source, node.module)
    groups = inst.get("security_groups") if inst is not None and \
        inst.type == "openstack_compute_instance_v2" else None
    if inst is None or not isinstance(groups, E.Tuple):
        return False
    wanted = {g.address for item in groups.items if (g := ctx.resolve(item, inst.module))}
    want_proto = "udp" if proto.upper() == "UDP" else "tcp"
    for mod in ctx.model.modules:
        for r in mod.nodes if mod.path == inst.module else ():
            if not isinstance(r, N.Resource) or r.type != "openstack_networking_secgroup_rule_v2":
                continue
            g = ctx.resolve(r.get("security_group_id"), r.module)
            if g is None or g.address not in wanted or E.str_value(r.get("direction")) != "ingress":
                continue
            lo, hi = _text(r.get("port_range_min")), _text(r.get("port_range_max"))
            proto_ok = E.str_value(r.get("protocol")) in (None, want_proto)
            port_ok = (r.get("port_range_min") is None and r.get("port_range_max") is None) or (
                lo is not None and hi is not None and port.isdigit() and
                lo.isdigit() and hi.isdigit() and int(lo) <= int(port) <= int(hi))
            cidr = E.str_value(r.get("remote_ip_prefix"))
            if proto_ok and port_ok and cidr == "0.0.0.0/0" and r.get("remote_group_id") is None:
                return True
    return False


def _text(e: E.Expr | None) -> str | None:
    """A literal's text: numbers too (E.str_value reads strings only)."""
    if isinstance(e, E.Literal) and isinstance(e.value, (str, int, float)) and \
            not isinstance(e.value, bool):
        return str(e.value)
    return None
