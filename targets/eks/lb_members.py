"""EKS target group members (repeated like the OVH member, private IPs) and health checks."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import octavia_members as OM
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from . import common as C
from .placement import note

ATTACHMENT = "aws_lb_target_group_attachment"
_MAX_INTERVAL = 300  # seconds: the most a target group's health_check.interval takes


def target(ctx: Ctx, node: N.Resource, m: LB.Member) -> E.Expr:
    """The member's target id: its address; an instance's public_ip (what OVH's
    access_ip_v4 maps to elsewhere) becomes its private_ip, since an IP target must be an
    address of the VPC (and a private-subnet instance has no public one)."""
    if m.address.source is None:
        return E.Literal("")
    out = ctx.rewrite(m.address.source, node.module)
    t = E.traversal(out)
    if t is None or t[0] != "aws_instance" or t[1][-1:] != [("attr", "public_ip")]:
        return out
    fixed = E.build_traversal(t[0], [*t[1][:-1], ("attr", "private_ip")], out.span)
    note(ctx, "lb.member_private_ip", m.address.source.span or node.span,
         address=node.address, target=to_hcl(fixed))
    return fixed


def repeat(ctx: Ctx, node: N.Resource, key: str, members: tuple[LB.Member, ...],
           blocks: list[TfBlock]) -> None:
    """An attachment per member, repeated like that member's openstack_lb_member_v2
    (count/for_each): its target reads count.index or each.key of the member."""
    by_label = {b.labels[1]: b for b in blocks if b.labels[:1] == (ATTACHMENT,)}
    repeated_lb = node.meta.count is not None or node.meta.for_each is not None
    for j, m in enumerate(members):
        own = OM.member_node(ctx, node, m.address.source)
        b = by_label.get(f"{key}_{j}")
        if own is None or b is None or (own.meta.count is None and own.meta.for_each is None):
            continue
        if repeated_lb:
            note(ctx, "lb.member_repeated", own.span, address=node.address,
                 member=own.address)
            continue
        P.emit_meta(ctx, b, companions.meta_only(own), {})


def _seconds(v: Value) -> int | None:
    try:
        return int(v.text) if v.text is not None else None
    except ValueError:
        return None


def check_interval(ctx: Ctx, node: N.Resource, hc: LB.HealthCheck,
                   interval: E.Expr) -> E.Expr:
    """The health check interval: AWS requires it to exceed the timeout (Octavia accepts a
    delay shorter than the timeout); a shorter literal one becomes timeout + 1 second.
    (Values read from variables are not known here: they are written as they are.)"""
    delay, timeout = _seconds(hc.delay_s), _seconds(hc.timeout_s)
    if delay is None or timeout is None or delay > timeout or not (
            isinstance(hc.delay_s.source, E.Literal) and
            isinstance(hc.timeout_s.source, E.Literal)):
        return interval
    wanted = min(timeout + 1, _MAX_INTERVAL)
    note(ctx, "lb.check_interval_raised", hc.delay_s.source.span or node.span,
         address=node.address, interval=delay, timeout=timeout, new=wanted)
    return C.num(wanted)
