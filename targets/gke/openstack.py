"""GKE lowering of OpenStack resources of OVH Public Cloud (OVH's own IaaS API)."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes import disks as D
from iac_translate.compiler.passes import firewall as F

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import omitted
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import compute, loadbalancer, network
from .instance_names import warn_repeated

FIREWALL = "google_compute_firewall"


def unbound(node: N.Resource) -> N.Resource:
    """The node without `provider = openstack.x` / `aws.x`: that provider is removed, and the
    target resource uses the google provider."""
    return replace(node, meta=replace(node.meta, provider=None)) if node.meta.provider else node


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    compute.lower_volume(ctx, unbound(node))


def declare_instance(ctx: Ctx, node: N.Resource) -> RefTarget:
    target = compute.declare_instance(ctx, node)
    if node.type == "openstack_compute_instance_v2":
        target.rules.update({
            "access_ip_v4": "{self}.network_interface[0].access_config[0].nat_ip",
            "network[].fixed_ip_v4": "{self}.network_interface[0].network_ip"})
    return target


def lower_instance(ctx: Ctx, node: N.Resource) -> None:
    """A VM: the instance lowering (the neutral spec reads OpenStack names and `network`
    blocks), with its security groups as network tags."""
    compute.lower_instance(ctx, node)
    groups = M.read_instance(ctx, node).security_groups  # (a port's too: passes/compute)
    if groups is not None:
        _tag_instance(ctx, node, groups)


def _tag_instance(ctx: Ctx, node: N.Resource, groups: E.Expr) -> None:
    """Security groups become network tags, which the firewall rules target."""
    block = next((b for b in ctx.files.get(_file(node), []) if b.labels == (compute.VM,
                                                                            node.name)), None)
    if block is None:
        return
    tags = ctx.rewrite(groups, node.module)
    if isinstance(tags, E.Tuple):
        tags = E.Tuple(tuple(_tag_expr(t) for t in tags.items), span=tags.span)
    block.set("tags", tags)
    ctx.sink.add("IT301", groups.span, f"security groups of {node.address} become network "
                 "tags; the firewall rules of each group target its tag")


def _tag_expr(e: E.Expr) -> E.Expr:
    s = E.str_value(e)
    return E.Literal(C.gcp_name(s), span=e.span) if s is not None and isinstance(
        e, E.Literal) else e


def _file(node: N.Resource) -> str:
    from ..tfbase.context import output_name
    return output_name(node.span.file)


def declare_secgroup(ctx: Ctx, node: N.Resource) -> RefTarget:
    tag = to_hcl(E.Literal(_group_tag(node)))
    return RefTarget(None, {"name": tag, "id": tag}, fallback=None, bare=None)


def _group_tag(node: N.Resource) -> str:
    name = E.str_value(node.arg("name"))
    return C.gcp_name(name if name and isinstance(node.arg("name"), E.Literal) else node.name)


def lower_secgroup(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, FIREWALL)
    for k in ("name", "description", "region", "delete_default_rules", "tags", "tenant_id",
              "stateful"):
        u.raw(k)
    ctx.sink.add("IT310", node.span, f"{node.address} becomes the network tag "
                 f"`{_group_tag(node)}`; each of its rules is a google_compute_firewall")
    u.done()


def lower_secgroup_rule(ctx: Ctx, node: N.Resource) -> None:
    spec = F.read_rule(ctx, node)
    u = Use(ctx, node, FIREWALL)
    for path in ("security_group_id", "direction", "ethertype", "protocol", "port_range_min",
                 "port_range_max", "remote_ip_prefix", "remote_group_id", "region",
                 "tenant_id"):
        u.raw(path)
    group = ctx.resolve(spec.group, node.module)
    b = TfBlock("resource", (FIREWALL, node.name))
    b.set("name", E.Literal(C.gcp_name(node.name.replace("_", "-"))))
    warn_repeated(ctx, node, FIREWALL, b.get("name"), "per project")
    b.set("network", _vpc(ctx, node))
    egress = spec.direction is F.Direction.EGRESS
    b.set("direction", E.Literal("EGRESS" if egress else "INGRESS"))
    allow = b.block("allow")
    allow.set("protocol", ctx.rewrite(spec.protocol, node.module) if spec.protocol is not None
              else E.Literal("all"))
    lo, hi = spec.port_min, spec.port_max
    if lo is not None:
        same = hi is None or to_hcl(lo) == to_hcl(hi)
        lo_r = ctx.rewrite(lo, node.module)
        port = (C.tpl(lo_r) if not isinstance(lo_r, E.Literal) else E.Literal(str(lo_r.value))) \
            if same or hi is None else C.tpl(lo_r, "-", ctx.rewrite(hi, node.module))
        allow.set("ports", E.Tuple((port,)))
    ranges = E.Tuple((ctx.rewrite(spec.cidr, node.module),)) if spec.cidr is not None else \
        C.strings([spec.anywhere])
    remote = ctx.resolve(spec.remote_group, node.module)
    if remote is not None and not egress:
        b.set("source_tags", C.strings([_group_tag(remote)]))
        ctx.sink.add("IT301", node.span, f"{node.address}: traffic from the members of "
                     f"{remote.address} is matched by their network tag")
    else:
        b.set("destination_ranges" if egress else "source_ranges", ranges)
    if group is not None:
        b.set("target_tags", C.strings([_group_tag(group)]))
    else:
        ctx.sink.add("IT308", node.span, f"{node.address}: its security group is not declared "
                     "here, so the rule applies to every VM of the network")
    u.drop("description", "kept as the resource name only")
    P.place(ctx, unbound(node), b)
    u.done()


def _vpc(ctx: Ctx, node: N.Resource) -> E.Expr:
    """The one VPC of the module (OpenStack rules belong to groups, GCP rules to networks)."""
    nets = sorted((n for n in ctx.nodes.values() if n.KIND == "Network" and n.mode == "managed"
                   and n.module == node.module), key=lambda n: n.name)
    if len(nets) == 1:
        return E.ref(f"{network.NETWORK}.{nets[0].name}.id")
    ctx.sink.add("IT308", node.span, f"{node.address}: GCP firewall rules belong to a VPC; "
                 + ("several are declared here, the first is used" if nets else
                    "none is declared here, the `default` VPC is used"))
    return E.ref(f"{network.NETWORK}.{nets[0].name}.id") if nets else E.Literal("default")


def declare_attachment(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref("google_compute_attached_disk", node), {})


def lower_volume_attach(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_attachment(ctx, node)
    u = Use(ctx, node, "google_compute_attached_disk")
    for path in ("volume_id", "instance_id", "region"):
        u.raw(path)
    b = TfBlock("resource", ("google_compute_attached_disk", node.name))
    b.set("disk", ctx.rewrite(spec.volume, node.module) if spec.volume is not None else None)
    b.set("instance", ctx.rewrite(spec.instance, node.module) if spec.instance is not None
          else None)
    u.drop("device", "GCP names the device /dev/disk/by-id/google-<name>")
    P.place(ctx, unbound(node), b)
    u.done()


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    LF.openstack_other(ctx, node, loadbalancer.lower_octavia, loadbalancer.lower_octavia_part,
                       "GKE")


declare_nothing = omitted.declare_nothing
