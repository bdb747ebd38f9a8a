"""GKE lowering of virtual machines, block volumes and SSH keys (Compute Engine)."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import network, ssh_keys
from .instance_names import warn_repeated

VM = "google_compute_instance"
DISK = "google_compute_disk"
# Neutral OS (family, version) -> GCE public image families.
_IMAGES = {("debian", "12"): "debian-cloud/debian-12", ("debian", "11"): "debian-cloud/debian-11",
           ("ubuntu", "24.04"): "ubuntu-os-cloud/ubuntu-2404-lts-amd64",
           ("ubuntu", "22.04"): "ubuntu-os-cloud/ubuntu-2204-lts",
           ("ubuntu", "20.04"): "ubuntu-os-cloud/ubuntu-2004-lts",
           ("rocky", "9"): "rocky-linux-cloud/rocky-linux-9",
           ("almalinux", "9"): "almalinux-cloud/almalinux-9"}
_DISK_TYPES = {D.VolumeClass.STANDARD: "pd-standard", D.VolumeClass.SSD: "pd-balanced",
               D.VolumeClass.HIGH_IOPS: "pd-ssd"}
# What replaces each OVH-only instance setting on GCP (others: "no equivalent").
_HINTS = {"billing": "Compute Engine bills per second; monthly commitment is a CUD",
          "auto_backup": "use a google_compute_resource_policy snapshot schedule",
          "placement": "use a google_compute_resource_policy placement policy",
          "count": "create several instances with count",
          "power_state": "stop instances with desired_status = \"TERMINATED\"",
          "shares": "attach firewalls, disks and shares with their GCP resources"}
# ovh_cloud_instance's group_id was reported with the other attachments.
_PATH_HINTS = {"group_id": _HINTS["shares"]}


def declare_instance(ctx: Ctx, node: N.Resource) -> RefTarget:
    # (a VM with no public interface has no access_config: its private address)
    public = M.read_instance(ctx, node).network.public is not False
    ip = "{self}.network_interface[0]." + ("access_config[0].nat_ip" if public else
                                          "network_ip")
    return RefTarget(C.self_ref(VM, node), {
        "name": "{self}.name", "addresses[].ip": ip,
        "addresses": f"[{{ ip = {ip}, version = 4 }}]",
        "attached_volumes": "{self}.attached_disk"})


def lower_instance(ctx: Ctx, node: N.Resource) -> None:
    """OVH instances and OpenStack servers of OVH, from the neutral InstanceSpec."""
    spec = M.read_instance(ctx, node)
    u = Use(ctx, node, VM)
    only = {o.path for o in spec.ovh_only}
    for path in spec.read:
        if path not in only:
            u.raw(path)
    b = TfBlock("resource", (VM, node.name))
    b.set("name", C.name_value(node, _rewritten(ctx, node, spec.name.source)))
    b.set("zone", C.zone_for(ctx, node, spec.location.source, spec.zone.source))
    warn_repeated(ctx, node, VM, b.get("name"), "per project and zone", b.get("zone"))
    b.set("machine_type", _machine(ctx, node, spec))
    boot = b.block("boot_disk").block("initialize_params")
    image = spec.image.source
    family = _IMAGES.get((spec.image.os or "", spec.image.version or "")) \
        if spec.image.name else None
    login = "ubuntu" if family and spec.image.os == "ubuntu" else "debian"
    if family is not None:
        boot.set("image", E.Literal(family))
        ctx.sink.add("IT306", (image or node).span,
                     f"OVH image `{spec.image.name}` mapped to {family}")
    else:
        boot.set("image", E.Literal("debian-cloud/debian-12"))
        ctx.sink.add("IT308", (image or node).span,
                     f"{node.address}: OVH image "
                     f"{to_hcl(image) if image is not None else '(none)'} cannot be mapped; "
                     "debian-cloud/debian-12 is used, choose the image family you need")
    _network(ctx, node, spec, b)
    meta: list[tuple[E.Expr, E.Expr]] = []
    pub = spec.ssh.public_key
    if pub is not None:
        meta.append((E.Literal("ssh-keys"), C.tpl(f"{login}:", ctx.rewrite(pub, node.module))))
        ctx.sink.add("IT308", pub.span, f"the SSH key is installed for user `{login}`; adjust "
                     "it if the image logs in as another user")
    existing = spec.ssh.key_name
    key = ssh_keys.registered_key(ctx, node, spec.ssh) if pub is None else None
    if key is not None:  # (the key declared here: its public key, for the image's user)
        pub = key.get("public_key")
        meta.append((E.Literal("ssh-keys"), C.tpl(f"{login}:", ctx.rewrite(pub, node.module))))
        ctx.sink.add("IT308", existing.span if existing is not None else node.span,
                     f"the public key of {key.address} is installed for user `{login}`; "
                     "adjust it if the image logs in as another user")
    elif existing is not None:
        ctx.sink.add("IT302", existing.span, "SSH keys registered by name at OVH do not exist on "
                     "GCP; add the public key to the instance metadata or use OS Login")
    user_data = spec.user_data
    if user_data is not None:
        meta.append((E.Literal("user-data"), ctx.rewrite(user_data, node.module)))
        ctx.sink.add("IT301", user_data.span, "user_data becomes the `user-data` metadata key, "
                     "read by cloud-init images; Container-Optimized OS and others use "
                     "startup-script")
    if meta:
        b.set("metadata", E.Object(tuple(meta)))
    for bd in spec.block_devices:
        ctx.sink.add("IT302", bd.span or node.span, f"`block_device` of {node.address} is not "
                     "translated: the boot disk is `boot_disk`; extra volumes are "
                     "google_compute_disk + google_compute_attached_disk")
    for o in spec.ovh_only:
        hint = _PATH_HINTS.get(o.path) or _HINTS.get(o.field)
        if hint:  # the others are reported by u.done() as having no equivalent
            u.drop(o.path, hint)
    if node.type.startswith("ovh_"):  # OpenStack groups become network tags (openstack.py)
        for k in ("security_group_ids", "volume_ids"):
            u.drop(k, "attach firewalls, disks and shares with their GCP resources")
    P.emit_meta(ctx, b, _unbound(node), {})
    ctx.emit(node.span, b)
    u.done()


def _rewritten(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    return ctx.rewrite(expr, node.module) if expr is not None else None


def _unbound(node: N.Resource) -> N.Resource:
    """Without `provider = openstack.x` (that provider is removed)."""
    if node.meta.provider is not None and not node.type.startswith("ovh_"):
        return replace(node, meta=replace(node.meta, provider=None))
    return node


def _machine(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec) -> E.Expr:
    raw = spec.machine_source
    at = raw.span if raw else node.span
    mt = C.machine_of(ctx, spec.machine.flavor) if spec.machine.flavor else None
    if mt is not None:
        via = {None: "", "expression": " (from the flavor lookup expression)"}.get(
            spec.machine_via, f" (from {spec.machine_via})")
        ctx.sink.add("IT306", at, f"flavor `{spec.machine.flavor}`{via} mapped to {mt}")
        return E.Literal(mt)
    lookup = spec.machine_lookup
    hint = f"it comes from {lookup.address}" if lookup is not None else ""
    ctx.sink.add("IT303", at, f"the flavor of {node.address} is an "
                 "OVH flavor id that cannot be mapped; choose a machine type", hint)
    return E.Literal("TODO(IT303): machine type" + CF.replacing("flavor", raw))


def _network(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock) -> None:
    net = spec.network
    nic = b.block("network_interface")
    subnet = net.subnet
    public = net.public is True
    if node.type == "openstack_compute_instance_v2":
        # (a port's fixed_ip names its subnet; else that of the first private network)
        subnet = net.subnet if net.subnet is not None else \
            _subnet_of(ctx, node, spec.private_refs)
        if net.interfaces - int(public) - int(subnet is not None) > 0:
            ctx.sink.add("IT301", node.arg_span("network"), f"networks of {node.address}: one "
                         "network interface is made (external access when Ext-Net is listed, "
                         "the subnet of the private network); add interfaces for the others")
        public = public or subnet is None
    for path, v in net.extras:
        ctx.sink.add("IT302", v.span, f"`{path}` of {node.address} is not translated: create "
                     "the IP, NAT or network as separate GCP resources")
    if subnet is not None:
        nic.set("subnetwork", ctx.rewrite(subnet, node.module))
    else:
        nic.set("network", E.Literal("default"))
    if net.fixed_ip is not None:
        nic.set("network_ip", ctx.rewrite(net.fixed_ip, node.module))
    if net.floating_ip is not None:  # the static address associated with it
        nic.block("access_config").set("nat_ip", ctx.rewrite(net.floating_ip, node.module))
    elif public:
        nic.block("access_config")
    if net.others is not None:
        ctx.sink.add("IT301", net.others.span, f"networks of {node.address}: one network "
                     "interface is made, in the first network; add interfaces for the others")


def _subnet_of(ctx: Ctx, node: N.Resource, refs: tuple[E.Expr, ...]) -> E.Expr | None:
    """The subnet of the first private network listed that is declared here."""
    for ref in refs:
        found = ctx.resolve(ref, node.module)
        sub = network.subnet_of_network(ctx, found) if found is not None else None
        if sub is not None:
            return E.ref(f"{sub.type}.{sub.name}.id")
    return None


def declare_volume(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(DISK, node), {"name": "{self}.name", "size": "{self}.size"})


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_volume(ctx, node)
    u = Use(ctx, node, DISK)
    for path in spec.read:
        u.raw(path)
    b = TfBlock("resource", (DISK, node.name))
    b.set("name", C.name_value(node, _rewritten(ctx, node, spec.name.source)))
    b.set("zone", C.zone_for(ctx, node, spec.location.source, spec.zone.source))
    warn_repeated(ctx, node, DISK, b.get("name"), "per project and zone", b.get("zone"))
    b.set("size", _rewritten(ctx, node, spec.size.source))
    mapped = _DISK_TYPES.get(spec.volume_class) if spec.volume_class else None
    if mapped:
        b.set("type", E.Literal(mapped))
        ctx.sink.add("IT306", node.span, f"volume type `{spec.type.text}` mapped to {mapped}")
    if spec.luks:
        ctx.sink.add("IT301", node.span, "LUKS volumes: persistent disks are always "
                     "encrypted; use disk_encryption_key for customer-managed keys")
    if spec.encryption is not None:
        ctx.sink.add("IT301", spec.encryption.span, "encryption: persistent disks are encrypted "
                     "by default; KMS keys map to disk_encryption_key.kms_key_self_link")
    u.drop("description", "kept in the name only")
    u.drop("create_from", "create from a snapshot or image with `snapshot`/`image`")
    P.emit_meta(ctx, b, _unbound(node), {})
    ctx.emit(node.span, b)
    u.done()


lower_ssh_key = ssh_keys.lower_ssh_key
