"""What every cloud's instances and volumes lowering does alike, its words and types passed in."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from .context import Ctx
from .driver import Declaring, Lowering
from .generated_key import generate
from .refs import RefTarget
from .start import begin as begin  # (the compute families start there)
from .use import Use

OVH_ONLY = "an OVH-only setting"


KEY_ARGS = ("name", "public_key", "region")  # what an SSH key's reader takes


def public_key(ctx: Ctx, node: N.Resource, spec: M.SshKeySpec) -> E.Expr:
    """An SSH key's public key; a managed pair with none (OpenStack generated it) has a
    tls_private_key generate it (a data source's is left a TODO)."""
    if spec.public_key:
        return ctx.rewrite(spec.public_key, node.module)
    if node.mode == "managed":
        return generate(ctx, node)
    return E.Literal("TODO(IT308): public key")


def ip_label(node: N.Resource) -> str:
    # Not the server's own label: an OpenStack floating IP of the same name becomes the
    # cloud's public IP too (the network family's).
    return f"{node.name}_public"


def instance_refs(vm: str, node: N.Resource, private: str, public: str) -> RefTarget:
    """What an OVH instance's and OpenStack server's references read on the cloud's VM."""
    return RefTarget(f"{vm}.{node.name}", {
        "name": "{self}.name", "access_ip_v4": public, "addresses[].ip": public,
        "addresses": f"[{{ ip = {public}, version = 4 }}]",
        "network[].fixed_ip_v4": private})


def boot_disks(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, boot: str,
               device: str) -> None:
    """An OVH boot volume and OpenStack block devices are not the cloud's disks (IT302):
    `boot` and `device` say what the VM does instead."""
    if spec.boot_volume is not None:
        ctx.sink.add("IT302", spec.boot_volume.span or node.span, f"boot_from.volume_id of "
                     f"{node.address} is not translated: {boot}")
    for bd in spec.block_devices:
        ctx.sink.add("IT302", bd.span or node.span, f"a block_device of {node.address} is not "
                     f"translated: {device}")


def instance_drops(u: Use, spec: M.InstanceSpec, why: Mapping[str, str],
                   kept: Callable[[M.OvhOnly], bool] | None = None) -> None:
    """The instance's OVH-only arguments dropped with `why[field]` (volume_ids, billing, the
    others' fields; OVH_ONLY when not there); `kept`: one the cloud lowers (it is read)."""
    if spec.volumes is not None:
        u.drop("volume_ids", why["volume_ids"])
    if spec.billing is M.Billing.MONTHLY or spec.billing is M.Billing.UNKNOWN:
        u.drop("billing_period", why["billing"])
    for only in spec.ovh_only:
        if kept is not None and kept(only):
            u.raw(only.path)
        elif only.field != "billing":
            u.drop(only.path, why.get(only.field, OVH_ONLY))


def attached_instance(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    """The instance of the module a volume attachment attaches volume `node` to."""
    for att in ctx.by_module.resources(node.module, "VolumeAttachment"):
        if ctx.resolve(att.get("volume_id"), att.module) is node:
            vm = ctx.resolve(att.get("instance_id"), att.module)
            if vm is not None and vm.KIND == "Instance":
                return vm
    return None


def first_instance(vm_type: str, vm: N.Resource) -> E.Expr:
    """`vm_type.<vm>`, its first instance when it is repeated (every instance of a repeated
    server sits in the same zone and subnet)."""
    base: E.Expr = E.ref(f"{vm_type}.{vm.name}")
    if vm.meta.count is not None:
        return E.Index(base, E.Literal(0, "0"))
    if vm.meta.for_each is not None:
        return E.Index(E.Call("values", (base,)), E.Literal(0, "0"))
    return base


def description_comment(ctx: Ctx, node: N.Resource, b: TfBlock, description: E.Expr | None,
                        what: str) -> None:
    """An OVH description on a resource the cloud gives tags only (`what`): a comment."""
    if description is None:
        return
    b.note(f"{E.str_value(description) or 'description'} (from {node.address})")
    ctx.sink.add("IT306", description.span or node.span, f"the description of "
                 f"{node.address} is a comment: {what} has tags, no description")


def volume_size(ctx: Ctx, node: N.Resource, b: TfBlock, spec: D.VolumeSpec, attr: str) -> None:
    """The volume's size as `attr` (GB), a located TODO when OVH sets none (IT308)."""
    if spec.size.source is not None:
        b.set(attr, ctx.rewrite(spec.size.source, node.module))
    else:
        ctx.sink.add("IT308", node.span, f"{node.address} sets no size; choose {attr}")
        b.set(attr, E.Literal("TODO(IT308): size in GB"))


def volume_drops(ctx: Ctx, node: N.Resource, u: Use, spec: D.VolumeSpec,
                 why: Mapping[str, str], encryption: bool = True) -> None:
    """What the cloud's volume does not take, with `why[path]`: the encryption (IT302;
    `encryption` False: the cloud's lowering says it), the snapshot or image created from."""
    if encryption and (spec.luks or spec.encryption is not None):
        at = (spec.encryption or spec.type.source or node).span
        ctx.sink.add("IT302", at, f"the encryption of {node.address} is not translated: "
                     f"{why['encryption']}")
        u.raw("encryption")
    if spec.from_snapshot is not None:
        path = "snapshot_id" if node.get("snapshot_id") is not None else "create_from"
        u.drop(path, why[path])
    u.drop("image_id", why["image_id"])


def self_refs(type_: str, node: N.Resource, **attrs: str) -> RefTarget:
    """References to `node` read `type_.<label>`: each OVH attribute `attrs` names the
    target attribute of."""
    return RefTarget(f"{type_}.{node.name}", {k: "{self}." + v for k, v in attrs.items()})


def attachment(ctx: Ctx, node: N.Resource, type_: str) -> tuple[D.AttachmentSpec, Use]:
    """A volume attachment's spec and the use of its arguments (all read) for `type_`."""
    spec = D.read_attachment(ctx, node)
    u = Use(ctx, node, type_)
    for path in ("instance_id", "volume_id", "device", "region"):
        u.raw(path)
    return spec, u


def not_attached(ctx: Ctx, node: N.Resource, u: Use, why: str, hint: str) -> None:
    """An attachment that is not translated (`why`, after "is not translated: "): IT338,
    and references to it read nothing."""
    ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
    ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {why}", hint)
    u.done()


def device_dropped(ctx: Ctx, node: N.Resource, spec: D.AttachmentSpec, why: str) -> None:
    """The OVH attachment's `device`, which the cloud does not choose (`why`): IT302."""
    if spec.device is not None:
        ctx.sink.add("IT302", spec.device.span or node.span, f"`device` of {node.address} is "
                     f"not translated: {why}")


def volume_tables(declare: Declaring, lower: Lowering, attach: Lowering, backup: Lowering
                  ) -> tuple[dict[str, Declaring], dict[str, Lowering]]:
    """A volume family's DECLARE and LOWER: volumes, their attachments (folded into a server
    or their own block, which nothing references) and OVH backups."""
    return ({"Volume": declare, "VolumeAttachment": lambda ctx, node: RefTarget(None, {})},
            {"Volume": lower, "VolumeAttachment": attach, "Backup": backup})


def shown(e: E.Expr) -> str:
    """A source value as a placeholder names it: a string as written, else its expression
    (a placeholder naming what it replaces is one variable for all that share it, IT383)."""
    return e.value if isinstance(e, E.Literal) and isinstance(e.value, str) else short_hcl(e)


def replacing(what: str, e: E.Expr | None, name: str | None = None) -> str:
    """` replacing the OVH image Ubuntu 22.04` / `` replacing the OVH flavor `var.f` ``, or
    nothing when the source gives nothing to name."""
    if name:
        return f" replacing the OVH {what} {name}"
    return f" replacing the OVH {what} `{shown(e)}`" if e is not None else ""


def address_id(address: E.Expr) -> E.Expr | None:
    """`x.address` of a floating IP as `x.id`, what an interface or association takes (None
    for an address that is not a floating IP's attribute)."""
    t = E.traversal(address)
    if t is None or not t[1] or t[1][-1] != ("attr", "address"):
        return None
    return E.build_traversal(t[0], [*t[1][:-1], ("attr", "id")], address.span)
