"""GKE lowering of virtual machines, block volumes and SSH keys (Compute Engine)."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from ..tfbase.values import literal_str
from . import common as C

VM = "google_compute_instance"
DISK = "google_compute_disk"
# Image names seen in OVH image lookups -> GCE public image families.
_IMAGES = {"debian 12": "debian-cloud/debian-12", "debian 11": "debian-cloud/debian-11",
           "ubuntu 24.04": "ubuntu-os-cloud/ubuntu-2404-lts-amd64",
           "ubuntu 22.04": "ubuntu-os-cloud/ubuntu-2204-lts",
           "ubuntu 20.04": "ubuntu-os-cloud/ubuntu-2004-lts",
           "rocky linux 9": "rocky-linux-cloud/rocky-linux-9",
           "almalinux 9": "almalinux-cloud/almalinux-9"}
_DISK_TYPES = {"classic": "pd-standard", "high-speed": "pd-balanced", "high-speed-gen2": "pd-ssd"}


def declare_instance(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(VM, node), {
        "name": "{self}.name",
        "addresses[].ip": "{self}.network_interface[0].access_config[0].nat_ip",
        "attached_volumes": "{self}.attached_disk"})


def lower_instance(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, VM)
    b = TfBlock("resource", (VM, node.name))
    b.set("name", C.name_value(node, u.expr("name")))
    region = u.raw("region")
    b.set("zone", C.zone_for(ctx, node, region, u.raw("availability_zone")))
    b.set("machine_type", _machine(ctx, node, u))
    boot = b.block("boot_disk").block("initialize_params")
    image = u.raw("boot_from.image_id") if node.get("boot_from") is not None else u.raw("image_id")
    family = _find(ctx, node, image, lambda s: _IMAGES.get(s.strip().lower()))
    login = "ubuntu" if family and "ubuntu" in family[1] else "debian"
    if family is not None:
        boot.set("image", E.Literal(family[1]))
        ctx.sink.add("IT306", (image or node).span,
                     f"OVH image `{family[0]}` mapped to {family[1]}")
    else:
        boot.set("image", E.Literal("debian-cloud/debian-12"))
        ctx.sink.add("IT308", (image or node).span,
                     f"{node.address}: OVH image "
                     f"{to_hcl(image) if image is not None else '(none)'} cannot be mapped; "
                     "debian-cloud/debian-12 is used, choose the image family you need")
    u.raw("boot_from")
    _network(ctx, node, u, b)
    meta: list[tuple[E.Expr, E.Expr]] = []
    key = N.first_object(u.raw("ssh_key_create"))
    pub = E.obj_get(key, "public_key") if key is not None else None
    if pub is not None:
        meta.append((E.Literal("ssh-keys"), C.tpl(f"{login}:", ctx.rewrite(pub, node.module))))
        ctx.sink.add("IT308", pub.span, f"the SSH key is installed for user `{login}`; adjust "
                     "it if the image logs in as another user")
    existing = u.raw("ssh_key") or u.raw("ssh_key_name")
    if existing is not None:
        ctx.sink.add("IT302", existing.span, "SSH keys registered by name at OVH do not exist on "
                     "GCP; add the public key to the instance metadata or use OS Login")
    user_data = u.raw("user_data")
    if user_data is not None:
        meta.append((E.Literal("user-data"), ctx.rewrite(user_data, node.module)))
        ctx.sink.add("IT301", user_data.span, "user_data becomes the `user-data` metadata key, "
                     "read by cloud-init images; Container-Optimized OS and others use "
                     "startup-script")
    if meta:
        b.set("metadata", E.Object(tuple(meta)))
    u.drop("billing_period", "Compute Engine bills per second; monthly commitment is a CUD")
    u.drop("auto_backup", "use a google_compute_resource_policy snapshot schedule")
    u.drop("group", "use a google_compute_resource_policy placement policy")
    u.drop("bulk", "create several instances with count")
    u.drop("power_state", "stop instances with desired_status = \"TERMINATED\"")
    for k in ("security_group_ids", "shares", "volume_ids", "group_id"):
        u.drop(k, "attach firewalls, disks and shares with their GCP resources")
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def _machine(ctx: Ctx, node: N.Resource, u: Use) -> E.Expr:
    raw = u.raw("flavor.flavor_id") if node.get("flavor") is not None else u.raw("flavor_id")
    u.raw("flavor")
    name = literal_str(raw, node, ctx)
    mt = C.machine_of(ctx, name) if name else None
    if mt is not None:
        ctx.sink.add("IT306", raw.span if raw else node.span, f"flavor `{name}` mapped to {mt}")
        return E.Literal(mt)
    found = _find(ctx, node, raw, lambda s: C.machine_of(ctx, s))
    if found is not None:
        ctx.sink.add("IT306", raw.span if raw else node.span,
                     f"flavor `{found[0]}` (from the flavor lookup expression) mapped to "
                     f"{found[1]}")
        return E.Literal(found[1])
    lookup = ctx.resolve(raw, node.module) if raw is not None else None
    hint = ""
    if lookup is not None:
        flt = literal_str(lookup.get("name_filter"), lookup, ctx)
        mt = C.machine_of(ctx, flt) if flt else None
        if mt is not None:
            ctx.sink.add("IT306", raw.span if raw else node.span,
                         f"flavor `{flt}` (from {lookup.address}) mapped to {mt}")
            return E.Literal(mt)
        hint = f"it comes from {lookup.address}"
    ctx.sink.add("IT303", raw.span if raw else node.span, f"the flavor of {node.address} is an "
                 "OVH flavor id that cannot be mapped; choose a machine type", hint)
    return E.Literal("TODO(IT303): machine type")


def _find(ctx: Ctx, node: N.Resource, expr: E.Expr | None,
          mapper: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The one known name among the string literals of `expr` (and of locals it reads)."""
    if expr is None:
        return None
    exprs = [expr]
    for sub in E.walk(expr):
        t = E.traversal(sub)
        if t and t[0] == "local" and t[1]:
            exprs.extend(_local_values(ctx, node.module, str(t[1][0][1])))
    hits = {(s, m) for e in exprs for sub in E.walk(e)
            if (s := E.str_value(sub) if isinstance(sub, E.Literal) else None)
            and (m := mapper(s))}
    return hits.pop() if len(hits) == 1 else None


def _local_values(ctx: Ctx, module: str, name: str) -> list[E.Expr]:
    return list(ctx.by_module.locals.get((module, name), []))


def _network(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    net = N.first_object(u.raw("network"))
    public = E.obj_get(net, "public") if net is not None else None
    private = N.first_object(E.obj_get(net, "private")) if net is not None else None
    nic = b.block("network_interface")
    subnet = None
    if private is not None:
        inner = N.first_object(E.obj_get(private, "network"))
        subnet = E.obj_get(inner, "subnet_id") if inner is not None else None
        for k, _ in private.items:
            if E.key_name(k) not in ("network",):
                ctx.sink.add("IT302", k.span, f"`network.private.{E.key_name(k)}` of "
                             f"{node.address} is not translated: create the IP, NAT or network "
                             "as separate GCP resources")
    if subnet is not None:
        nic.set("subnetwork", ctx.rewrite(subnet, node.module))
    else:
        nic.set("network", E.Literal("default"))
    if public is None or (isinstance(public, E.Literal) and public.value is True):
        nic.block("access_config")
    networks = u.raw("networks")
    if networks is not None:
        ctx.sink.add("IT301", networks.span, f"networks of {node.address}: the first network "
                     "interface uses the default VPC; add interfaces for the others")


def declare_volume(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(DISK, node), {"name": "{self}.name", "size": "{self}.size"})


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, DISK)
    b = TfBlock("resource", (DISK, node.name))
    b.set("name", C.name_value(node, u.expr("name")))
    region = u.raw("region_name") or u.raw("region")
    b.set("zone", C.zone_for(ctx, node, region, u.raw("availability_zone")))
    b.set("size", u.expr("size"))
    vtype = literal_str(u.raw("type") or u.raw("volume_type"), node, ctx)
    if vtype:
        base = vtype.lower().replace("_", "-").replace("-luks", "")
        mapped = _DISK_TYPES.get(base)
        if mapped:
            b.set("type", E.Literal(mapped))
            ctx.sink.add("IT306", node.span, f"volume type `{vtype}` mapped to {mapped}")
        if vtype.lower().endswith("luks"):
            ctx.sink.add("IT301", node.span, "LUKS volumes: persistent disks are always "
                         "encrypted; use disk_encryption_key for customer-managed keys")
    enc = u.raw("encryption")
    if enc is not None:
        ctx.sink.add("IT301", enc.span, "encryption: persistent disks are encrypted by default; "
                     "KMS keys map to disk_encryption_key.kms_key_self_link")
    u.drop("description", "kept in the name only")
    u.drop("create_from", "create from a snapshot or image with `snapshot`/`image`")
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


lower_ssh_key = not_translated(
    "IT338", "{address} is not translated: GCP has no project SSH key object; use OS Login or "
    "instance metadata `ssh-keys`")
