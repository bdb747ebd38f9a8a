"""EKS lowering of VMs, SSH keys and block volumes (EC2, key pairs, EBS) from the neutral specs."""

from __future__ import annotations

import ipaddress
from dataclasses import replace

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import passthrough as P
from ..tfbase import reftables
from ..tfbase.companions import same
from ..tfbase.context import Ctx, output_name
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.values import map_value
from . import common as C
from . import files, images, network, openstack, unique_names
from .placement import companion, network_ref, note, platform, set_region, shape, unbound

VM = "aws_instance"
KEY = "aws_key_pair"
EBS = "aws_ebs_volume"


def lower_instance(ctx: Ctx, node: N.Resource) -> None:
    spec = M.read_instance(ctx, node)
    u, b = CF.begin(ctx, node, spec.read, VM)
    b.set("ami", images.ami(ctx, node, spec.image))
    b.set("instance_type", _instance_type(ctx, node, spec))
    set_region(ctx, node, b, spec.location.source)
    _network(ctx, node, spec, b)
    b.set("key_name", _key_name(ctx, node, spec.ssh))
    if spec.user_data is not None:
        b.set("user_data", ctx.rewrite(spec.user_data, node.module))
    shape(b, "instance", node)
    b.set("tags", C.tags(C.name_value(node, spec.name.source and
                                      ctx.rewrite(spec.name.source, node.module))))
    if spec.boot_volume is not None:
        note(ctx, "compute.boot_volume_dropped", spec.boot_volume.span or node.span,
             address=node.address)
    for bd in spec.block_devices:
        note(ctx, "compute.block_device_dropped", bd.span or node.span,
             address=node.address)
    CF.instance_drops(u, spec, platform()["not_translated"]["instance"])
    P.place(ctx, unbound(node), b)
    u.done()


def _instance_type(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec) -> E.Expr:
    at = spec.machine_source.span if spec.machine_source is not None else node.span
    t = E.traversal(spec.machine_source) if spec.machine_source is not None else None
    if t is not None and t[0] in ("var", "local") and spec.machine_via is None:
        # Kept as written; the variable default or local is mapped where it is defined.
        return map_value(spec.machine_source, node, ctx, "flavor",
                         lambda s: C.instance_type_of(ctx, s)) or E.Literal("")
    fit = C.fit_of(ctx, spec.machine) if spec.machine.known else None
    if fit is None:
        note(ctx, "compute.flavor_unknown", at, address=node.address, lookup=f"it comes from "
             f"{spec.machine_lookup.address}" if spec.machine_lookup else "")
        return E.Literal("TODO(IT303): instance type" +
                         CF.replacing("flavor", spec.machine_source))
    via = {None: "", "expression": " (from the flavor lookup expression)"}.get(
        spec.machine_via, f" (from {spec.machine_via})")
    gpu = spec.machine.gpu
    if gpu is not None and (fit.gpu_model != gpu.model or fit.gpu_count != gpu.count):
        note(ctx, "compute.gpu_substituted", at, flavor=spec.machine.flavor, via=via,
             machine_type=fit.machine_type, count=gpu.count, model=gpu.model,
             fit_count=fit.gpu_count, fit_model=fit.gpu_model or "no GPU", why=fit.note)
    else:
        note(ctx, "compute.flavor_mapped", at, flavor=spec.machine.flavor, via=via,
             machine_type=fit.machine_type)
    return E.Literal(fit.machine_type)


def _network(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock) -> None:
    net = spec.network
    ref = network_ref(ctx, node, net.subnet, net.network)
    if spec.zone.source is not None:
        note(ctx, "compute.zone_from_subnet", spec.zone.source.span or node.span,
             address=node.address)
    subnets = network.private_subnet_ids(ctx, node, ref) if ref is not None else \
        network.default_vpc(ctx, node.module)[1]
    holding = _holding(ctx, node, subnets, net)
    b.set("subnet_id", holding or network.subnet_at(subnets, C.num(0)))
    groups = openstack.group_ids(ctx, node, spec.security_groups, openstack.instance_vpc(
        ctx, node) if spec.security_groups is not None else None)
    if groups is not None:
        b.set("vpc_security_group_ids", groups)
    if net.public is True:
        b.set("associate_public_ip_address", E.Literal(True))
        if ref is not None:
            note(ctx, "compute.public_ip_subnet", (net.public_source or node).span,
                 address=node.address)
    elif net.public is None and net.public_source is not None:
        b.set("associate_public_ip_address", ctx.rewrite(net.public_source, node.module))
    if groups is None and net.public is not False:
        note(ctx, "compute.no_security_group", node.span, address=node.address)
    if holding is False:
        ctx.sink.add("IT301", (net.fixed_ip or node).span or node.span, f"the fixed address of "
                     f"{node.address}'s port is in none of the private subnets its OVH subnet "
                     "became (one per zone, the upper half public): private_ip is left out "
                     "and AWS assigns one", "set private_ip to an address of the subnet")
    elif net.fixed_ip is not None:
        b.set("private_ip", ctx.rewrite(net.fixed_ip, node.module))
    if net.floating_ip is not None:
        _elastic_ip(ctx, node, net.floating_ip)
    for path, v in net.extras:
        note(ctx, "compute.network_extra_dropped", v.span or node.span, path=path,
             address=node.address)
    if net.others is not None:
        note(ctx, "compute.one_interface", net.others.span or node.span,
             address=node.address)
    if len(spec.private_refs) > 1:
        note(ctx, "compute.first_private_network", node.span, address=node.address)


def _holding(ctx: Ctx, node: N.Resource, subnets: E.Expr, net: M.InstanceNetwork
             ) -> E.Expr | bool | None:
    """The AWS subnet (of those the OVH subnet became, one per zone) whose CIDR holds the
    port's literal fixed address (an EC2 private_ip must be in its subnet); False when every
    CIDR is known and none holds it; None when that cannot be told."""
    ip = E.str_value(net.fixed_ip) if net.fixed_ip is not None else None
    sub = ctx.resolve(net.subnet, node.module) if net.subnet is not None else None
    if ip is None or sub is None or not isinstance(subnets, E.Tuple):
        return None
    blocks = {b.labels: b for b in ctx.files.get(output_name(sub.span.file), [])
              if b.type == "resource" and b.labels[:1] == ("aws_subnet",)}
    for item in subnets.items:
        t = E.traversal(item)
        block = blocks.get(("aws_subnet", str(t[1][0][1]))) if t and t[1] else None
        cidr = E.str_value(block.get("cidr_block")) if block is not None else None
        try:
            if cidr is None:
                return None
            if ipaddress.ip_address(ip) in ipaddress.ip_network(cidr, strict=False):
                return item
        except ValueError:
            return None
    return False


def _elastic_ip(ctx: Ctx, node: N.Resource, address: E.Expr) -> None:
    """The floating IP associated with the instance (its port): the Elastic IP it became,
    associated by allocation id."""
    allocation = CF.address_id(address)
    a = TfBlock("resource", ("aws_eip_association", node.name))
    a.set("instance_id", same(node, VM, "id"))
    if allocation is not None:
        a.set("allocation_id", ctx.rewrite(allocation, node.module))
    else:  # an address from elsewhere: associated by its IP (the Elastic IP must exist)
        a.set("public_ip", ctx.rewrite(address, node.module))
    P.emit_meta(ctx, a, unbound(node), {})
    ctx.emit(node.span, a)


def _key_name(ctx: Ctx, node: N.Resource, ssh: M.SshAccess) -> E.Expr | None:
    if ssh.public_key is not None:
        key = N.first_object(node.get("ssh_key_create"))
        name = E.obj_get(key, "name") if key is not None else None
        companion(ctx, "key_pair", node, public_key=ctx.rewrite(ssh.public_key, node.module),
                  name=ctx.rewrite(name, node.module) if name is not None
                  else E.Literal(C.aws_name(node.name)))
        return E.ref(f"{KEY}.{node.name}.key_name")
    name = ssh.name
    if name is None:
        return None
    declared = ctx.resolve(name, node.module) or _key_named(ctx, node, name)
    if declared is not None and declared.KIND == "SshKey":
        return E.ref(f"{KEY}.{declared.name}.key_name")
    note(ctx, "compute.key_pair_by_name", name.span or node.span, address=node.address)
    return ctx.rewrite(name, node.module)


def _key_named(ctx: Ctx, node: N.Resource, name: E.Expr) -> N.Resource | None:
    text = E.str_value(name)
    return next((k for k in ctx.by_module.resources(node.module, "SshKey")
                 if text is not None and E.str_value(k.get("name")) == text), None)


def lower_key(ctx: Ctx, node: N.Resource) -> None:
    spec = M.read_ssh_key(ctx, node)
    u, b = CF.begin(ctx, node, CF.KEY_ARGS, KEY)
    b.set("key_name", C.name_value(node, spec.name.source and
                                   ctx.rewrite(spec.name.source, node.module)))
    b.set("public_key", CF.public_key(ctx, node, spec))
    set_region(ctx, node, b, spec.location.source)
    P.place(ctx, unbound(node), b)
    unique_names.warn(ctx, node, b)  # (a fixed key name in a repeated module: IT308)
    u.done()


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_volume(ctx, node)
    u, b = CF.begin(ctx, node, spec.read, EBS)
    set_region(ctx, node, b, spec.location.source)
    b.set("availability_zone", _zone(ctx, node, spec, b.get("region") is None))
    if spec.size.source is not None:
        b.set("size", ctx.rewrite(spec.size.source, node.module))
    if spec.volume_class is not None:
        ebs, iops = _ebs(spec)
        b.set("type", E.Literal(ebs))
        if iops is not None:
            b.set("iops", iops)
        at = (spec.type.source or node).span
        if spec.volume_class is D.VolumeClass.HIGH_IOPS and spec.size.gb is None:
            note(ctx, "compute.volume_iops_unknown", at, text=spec.type.text)
        else:
            ctx.sink.add("IT306", at, f"volume type `{spec.type.text}` mapped to {ebs}" + (
                f" with {to_hcl(iops)} provisioned IOPS (30 per GB, as OVH high-speed-gen2)"
                if iops is not None else ""))
    elif spec.type.source is not None:
        note(ctx, "compute.volume_type_unknown", spec.type.source.span or node.span,
             address=node.address, type=to_hcl(spec.type.source))
        b.set("type", E.Literal(platform()["volumes"]["type"]))
    else:  # OVH's default class (classic); EBS would default to the older gp2
        b.set("type", E.Literal(platform()["volumes"]["type"]))
    shape(b, "volume", node)
    if spec.encryption is not None:
        note(ctx, "compute.volume_aws_key", spec.encryption.span or node.span)
    CF.volume_drops(ctx, node, u, spec, platform()["not_translated"]["volume"],
                    encryption=False)
    b.set("tags", C.tags(C.name_value(node, spec.name.source and
                                      ctx.rewrite(spec.name.source, node.module))))
    P.place(ctx, unbound(node), b)
    u.done()


def _ebs(spec: D.VolumeSpec) -> tuple[str, E.Expr | None]:
    """The EBS type and provisioned IOPS of an OVH class (eks/platform.json volumes)."""
    t = platform()["volumes"]
    if spec.volume_class is not D.VolumeClass.HIGH_IOPS or spec.size.gb is None:
        return t["type"], None
    iops = min(t["high_iops_cap"], int(spec.size.gb) * t["iops_per_gb"])
    if iops <= t["baseline_iops"]:
        return t["type"], None
    return (t["type"] if iops <= t["max_iops"] else t["high_iops_type"]), C.num(iops)


def _zone(ctx: Ctx, node: N.Resource, spec: D.VolumeSpec, providers: bool) -> E.Expr:
    """The instance's zone when the volume is attached to one declared here (EBS attaches in
    its own zone only), else the mapped OVH zone, else the region's first zone: looked up at
    plan time when the region is a variable in the provider's region (`providers`), since
    a zone of its default's region does not exist in another region the caller passes."""
    vm = CF.attached_instance(ctx, node)
    if vm is not None:
        return E.GetAttr(CF.first_instance(VM, vm), "availability_zone")
    if spec.zone.text and C.zone_of(ctx, spec.zone.text):
        return E.Literal(C.zone_of(ctx, spec.zone.text))
    t = E.traversal(E.unwrap(spec.location.source)) if spec.location.source else None
    if providers and t is not None and t[0] == "var":
        from . import netrefs
        return netrefs.zones(ctx, node, spec.location, 1)[0]
    zones = C.zones_of(ctx, spec.location.text) if spec.location.text else ()
    if zones:
        return E.Literal(zones[0])
    note(ctx, "compute.zone_unknown", (spec.location.source or node).span,
         address=node.address)
    # (naming the region: an instance and its volumes there ask for one zone, IT383)
    where = f" in OVH region `{CF.shown(spec.location.source)}`" if spec.location.source \
        else ""
    return E.Literal(f"TODO(IT304): availability zone{where}")


_TABLE = reftables.declarings(platform()["references"], ("Instance", "SshKey", "Volume"))


def declare_instance(ctx: Ctx, node: N.Resource) -> RefTarget:
    """The references of platform.json; a VM with no public interface answers its
    addresses with its private one (public_ip is empty)."""
    target = _TABLE["Instance"](ctx, node)
    if M.read_instance(ctx, node).network.public is not False:
        return target
    rules = {k: v.replace("{self}.public_ip", "{self}.private_ip") if isinstance(v, str) and
             k.startswith("addresses") else v for k, v in target.rules.items()}
    return replace(target, rules=rules)


DECLARE: dict[str, Declaring] = {**_TABLE, "Instance": declare_instance, **files.DECLARE,
                                 **openstack.DECLARE}
LOWER: dict[str, Lowering] = {"Instance": lower_instance, "SshKey": lower_key,
                              "Volume": lower_volume, **files.LOWER, **openstack.LOWER}
