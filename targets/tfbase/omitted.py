"""OVH lookups and project-level types that mean nothing off OVH: omitted (IT310), said once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import os_ports

from .context import Ctx
from .refs import RefTarget
from .values import map_leaves

# OVH types that mean nothing once off OVH (omitted with IT310), and why, per target wording.
OMITTED = {
    "ovh_cloud_project": "{cloud} projects are created outside this configuration",
    "ovh_cloud_project_region": "every {cloud} region is available to {account}",
    "ovh_cloud_quota": "{cloud} quotas are managed {quotas}",
    "ovh_cloud_project_region_storage_presign": "generate signed URLs at run time ({presign})",
}


def declare_lookup(ctx: Ctx, node: N.Resource,
                   region_of: Callable[[str], str | None]) -> RefTarget:
    """Capability lookups vanish; their `region` input is what consumers usually read."""
    rules: dict[str, Any] = {}
    region = node.get("region")
    if region is not None:
        mapped = map_leaves(region, region_of, ctx, "region", strict=False)
        rules["region"] = lambda head, rest, m=mapped, n=node: ctx.rewrite(m, n.module)
    return RefTarget(None, rules, fallback=None, bare=None)


def lower_lookup(ctx: Ctx, node: N.Resource, target: str) -> None:
    ctx.sink.add("IT310", node.span, f"{node.address} is an OVH lookup with no {target} "
                 "counterpart; it is omitted")


def lower_other(ctx: Ctx, node: N.Resource, words: dict[str, str]) -> None:
    from .driver import lower_unsupported
    if node.canonical_type in OMITTED:
        why = OMITTED[node.canonical_type].format(**words)
        ctx.sink.add("IT310", node.span, f"{node.address} is omitted: {why}")
        if _project_of(ctx, node):
            _say_project(ctx, node, words["account"])
        return
    lower_unsupported(ctx, node)


def _project_of(ctx: Ctx, node: N.Resource) -> str | None:
    """The target's own project expression (ctx.words["project"]) for an ordered OVH project."""
    if node.canonical_type != "ovh_cloud_project" or node.mode != "managed":
        return None
    return ctx.words.get("project")


def _declare_other(ctx: Ctx, node: N.Resource) -> RefTarget | None:
    """An ordered OVH project's id reads the project the target provider deploys into (the
    project itself is omitted: IT310); other OVH-only types declare nothing (kept as read)."""
    project = _project_of(ctx, node)
    if project is None:
        return None
    module = node.module

    def target_project(head: E.Expr, rest: list[E.Step]) -> E.Expr:
        from ..hclwrite import TfBlock
        if project.startswith("data."):  # the data source it reads, once per module
            _, kind, label = project.split(".")[:3]
            ctx.scaffold(f"{kind}.{label}", module, lambda: TfBlock(
                "data", (kind, label), comments=["scaffolding: where the provider deploys (an "
                                                 "ordered OVH project's id reads it)"]))
        return E.ref(project)

    rules: dict[str, Any] = {"project_id": target_project, "id": target_project}
    description = node.get("description")
    if description is not None:  # project_name is the description OVH shows (rewritten
        # when read: what it reads may be declared after the project)
        rules["description"] = rules["project_name"] = \
            lambda head, rest, d=description: ctx.rewrite(d, module)
    return RefTarget(None, rules, fallback=None, bare=None)


def _say_project(ctx: Ctx, node: N.Resource, account: str) -> None:
    cloud, project = ctx.words["cloud"], ctx.words["project"]
    noun = f"{cloud} {account.split(' ', 1)[-1]}"  # "an account" -> "AWS account"
    ctx.sink.add("IT308", node.span, f"{node.address} orders an OVH project: its references "
                 f"read {project}, the {noun} the provider works in; create it first",
                 f"separate OVH projects (hub/spoke isolation) become one {noun} unless each "
                 f"root is applied with its own {noun} (the provider's credentials or project "
                 "variable)")


def declare_nothing(ctx: Ctx, node: N.Resource) -> RefTarget:
    """A kind whose references lead nowhere once lowered (rules, attachments, keys...)."""
    return RefTarget(None, {}, fallback=None, bare=None)


def lower_openstack_other(ctx: Ctx, node: N.Resource, target: str) -> None:
    """An OpenStack type of OVH no lowering handles: a located TODO and an IT305; a server's
    port or floating-IP association is part of the server's interface (os_ports)."""
    from ..hclwrite import TfBlock
    if fold_into_server(ctx, node):
        return
    ctx.sink.add("IT305", node.span, f"{node.address} is an OpenStack resource of OVH Public "
                 f"Cloud with no {target} translation; a human must decide what replaces it",
                 "it is not kept: the openstack provider of OVH is removed")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} ({node.type}, OpenStack on OVH Public Cloud) "
                     "was not translated.")
    ctx.emit(node.span, placeholder)


# The refmap reads a None entry as no entry (the reference is kept as written), which the
# driver's Declaring type does not say.
declare_other = cast(Callable[[Ctx, Any], RefTarget], _declare_other)
DECLARE = {"OvhOther": declare_other}  # a family table (FamilyTarget.FAMILIES)


_META = ("count", "for_each", "depends_on", "lifecycle", "provider")


def fold_into_server(ctx: Ctx, node: N.Resource) -> bool:
    """A port a server is attached through, or a floating-IP association of it: what it says
    is the server's network interface (the instance lowering reads it there); IT310, and
    IT302 for each argument with no place on the interface."""
    server = os_ports.folded_into(ctx, node)
    if server is None:
        return False
    if node.type == os_ports.PORT:
        said = (f"it is the network interface of {server.address} (network, subnet, address, "
                "security groups), written on that instance")
    else:
        said = f"the address it associates is written on {server.address}'s network interface"
    ctx.sink.add("IT310", node.span, f"{node.address} is omitted: {said}")
    fixed = node.get("fixed_ip")
    if isinstance(fixed, E.BlockSeq) and len(fixed.items) > 1:
        ctx.sink.add("IT302", fixed.items[1].span or node.span, f"the fixed_ip blocks of "
                     f"{node.address} past the first are not translated: the interface takes "
                     "one address")
    for k, v in node.args:
        if k not in os_ports.READ[node.type] and k not in _META:
            ctx.sink.add("IT302", v.span or node.span, f"`{k}` of {node.address} is not "
                         f"translated: the instance's interface has no such setting")
    return True
