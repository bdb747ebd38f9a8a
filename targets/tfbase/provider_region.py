"""The target region of an OVH-side provider's `region` (openstack, aws on OVH S3), any cloud."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .fitmap import region_of
from .values import find_variable


def provider_region(ctx: Ctx, node: N.Provider, cloud: str, what: str) -> str | None:
    """The target region of `node`'s `region`: a literal, or the literal default of the
    variable it reads (said so with IT301: another value given to the variable is not
    mapped). `cloud` is the provider that takes it (aws, google...), `what` the source's."""
    arg = node.arg("region")
    text = E.str_value(arg)
    if text is not None:
        return region_of(ctx, text)
    t = E.traversal(arg) if arg is not None else None
    if not (t and t[0] == "var" and len(t[1]) == 1 and t[1][0][0] == "attr"):
        return None
    name = str(t[1][0][1])
    var = find_variable(ctx, node.module, name)
    default = E.str_value(var.arg("default")) if var is not None else None
    region = region_of(ctx, default) if default else None
    if region is not None and arg is not None:
        ctx.sink.add("IT301", arg.span or node.span, f"the {cloud} provider takes {region}, "
                     f"nearest the OVH region `{default}` (the default of var.{name}) of "
                     f"provider {what}", f"another value of var.{name} is not mapped: set "
                     "the provider's region by hand then")
    return region


def openstack_region(ctx: Ctx, module: str, cloud: str) -> None:
    """A module whose resources name no region may still name one in its `provider
    "openstack"` (where its OpenStack resources lived): the target's provider works there
    (ctx.default_region[module])."""
    if module in ctx.default_region:
        return
    for m in ctx.model.modules:
        for n in m.nodes if m.path == module else ():
            if isinstance(n, N.Provider) and n.name == "openstack" and \
                    n.arg("alias") is None and n.arg("region") is not None:
                region = provider_region(ctx, n, cloud, "openstack")
                if region is not None:
                    ctx.default_region[module] = E.Literal(region)
                return
