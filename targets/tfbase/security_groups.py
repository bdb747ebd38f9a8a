"""What OVH's OpenStack security groups and rules read alike on every cloud that lowers them."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import firewall as F

from . import readings
from .context import Ctx
from .refs import RefTarget
from .start import use
from .use import Use

# the arguments F.read_group and F.read_rule read (the lowering says what each becomes)
GROUP_READ = ("name", "description", "delete_default_rules", "region", "tenant_id")
RULE_READ = ("direction", "ethertype", "protocol", "port_range_min", "port_range_max",
             "remote_ip_prefix", "remote_group_id", "security_group_id", "description",
             "region", "tenant_id")


def group_named(ctx: Ctx, node: N.Resource, name: str | None) -> N.Resource | None:
    """The security group of `node`'s module whose literal name is `name`."""
    return next((g for g in ctx.by_module.resources(node.module, "SecurityGroup")
                 if name is not None and E.str_value(g.get("name")) == name), None)


def declared_groups(ctx: Ctx, node: N.Resource, groups: E.Tuple, default: str,
                    missing: str) -> list[N.Resource]:
    """The groups of an instance's list (references or OpenStack names) declared in this
    module. OpenStack's `default` group is an IT301 (`default`: what it becomes); any other
    group an IT308 (`missing`: what to do by hand)."""
    found = []
    for item in groups.items:
        g = ctx.resolve(item, node.module) or group_named(ctx, node, E.str_value(item))
        if isinstance(g, N.Resource) and g.KIND == "SecurityGroup":
            found.append(g)
        elif E.str_value(item) == "default":
            ctx.sink.add("IT301", item.span or node.span, f"OpenStack's `default` group of "
                         f"{node.address} {default}")
        else:
            ctx.sink.add("IT308", item.span or node.span, f"security group "
                         f"`{E.str_value(item) or to_hcl(item)}` of {node.address} is not "
                         f"declared here; {missing}")
    return found


def rules_of(ctx: Ctx, group: N.Resource) -> list[N.Resource]:
    """The rules of `group`'s module that belong to it, by address: the order of the input's
    blocks must not show (AKS numbers priorities, Scaleway writes inline rules in this
    order). The module's rules are grouped once, not scanned per group or per rule."""
    def build() -> dict[int, list[N.Resource]]:
        found: dict[int, list[N.Resource]] = {}
        for r in ctx.by_module.resources(group.module, "SecurityRule"):
            if (g := ctx.resolve(F.read_rule(ctx, r).group, r.module)) is not None:
                found.setdefault(id(g), []).append(r)
        for rules in found.values():
            rules.sort(key=lambda r: r.address)
        return found
    return readings.grouped(ctx, f"security_groups.rules_of {group.module}", build, group)


def read_group(ctx: Ctx, node: N.Resource, type_: str) -> tuple[F.SecurityGroupSpec, Use]:
    """A security group's spec and the use of its arguments for `type_`."""
    spec = F.read_group(ctx, node)
    return spec, use(ctx, node, GROUP_READ, type_)


def read_rule(ctx: Ctx, node: N.Resource, type_: str
              ) -> tuple[Use, F.RuleSpec, N.Resource | None]:
    """A rule's use for `type_`, its spec and its group; None (the rule is read by nothing
    and IT338) when the group is not declared in this module."""
    u = use(ctx, node, RULE_READ, type_)
    spec = F.read_rule(ctx, node)
    group = ctx.resolve(spec.group, node.module)
    if isinstance(group, N.Resource) and group.KIND == "SecurityGroup":
        return u, spec, group
    ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
    ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its security "
                 "group is not declared in this module")
    return u, spec, None


def port_range(ctx: Ctx, node: N.Resource, lo: E.Expr, hi: E.Expr) -> E.Expr:
    """`lo-hi` as the clouds write a port range: a literal when both are numbers, else a
    template of both."""
    a, z = E.str_value(lo) or to_hcl(lo), E.str_value(hi) or to_hcl(hi)
    if a.isdigit() and z.isdigit():
        return E.Literal(f"{a}-{z}")
    return E.Template((E.Interp(ctx.rewrite(lo, node.module)), "-",
                       E.Interp(ctx.rewrite(hi, node.module))))
