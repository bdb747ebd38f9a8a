"""Scaleway Block Storage from VolumeSpec, attachments to Instances, and OVH backups (reported)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from . import compute as K

BLOCK = "scaleway_block_volume"


def declare_volume(ctx: Ctx, node: N.Resource) -> RefTarget:
    # (no `region`: a Block Storage volume has a zone)
    return RefTarget(f"{BLOCK}.{node.name}", {"name": "{self}.name", "size": "{self}.size_in_gb"})


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_volume(ctx, node)
    u = Use(ctx, node, BLOCK)
    for path in spec.read:
        u.raw(path)
    b = TfBlock("resource", (BLOCK, node.name))
    b.set("name", ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None
          else E.Literal(C.scw_name(node.name)))
    b.set("iops", _iops(ctx, node, spec))
    if spec.size.source is not None:
        b.set("size_in_gb", ctx.rewrite(spec.size.source, node.module))
    else:
        ctx.sink.add("IT308", node.span, f"{node.address} sets no size; choose size_in_gb")
        b.set("size_in_gb", E.Literal("TODO(IT308): size in GB"))
    vm = _attached_to(ctx, node)
    if vm is not None:
        # Block Storage attaches in its own zone only: the server's (every instance of a
        # repeated one sits in the same zone).
        base: E.Expr = E.ref(f"scaleway_instance_server.{vm.name}")
        if vm.meta.count is not None:
            base = E.Index(base, K.num(0))
        elif vm.meta.for_each is not None:
            base = E.Index(E.Call("values", (base,)), K.num(0))
        b.set("zone", E.GetAttr(base, "zone"))
    else:
        K.zone(ctx, node, b, spec.zone.text, spec.location.text, spec.location.source)
    if spec.description is not None:
        b.note(f"{E.str_value(spec.description) or 'description'} (from {node.address})")
        ctx.sink.add("IT306", spec.description.span or node.span, f"the description of "
                     f"{node.address} is a comment: a Scaleway volume has tags, no description")
    why = K.table()["not_translated"]["volume"]
    if spec.luks or spec.encryption is not None:
        at = (spec.encryption or spec.type.source or node).span
        ctx.sink.add("IT302", at, f"the encryption of {node.address} is not translated: "
                     f"{why['encryption']}")
        u.raw("encryption")
    if spec.from_snapshot is not None:
        path = "snapshot_id" if node.get("snapshot_id") is not None else "create_from"
        u.drop(path, why[path])
    u.drop("image_id", why["image_id"])
    P.place(ctx, K.unbound(node), b)
    u.done()


def _attached_to(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    for att in ctx.by_module.resources(node.module, "VolumeAttachment"):
        if ctx.resolve(att.get("volume_id"), att.module) is node:
            vm = ctx.resolve(att.get("instance_id"), att.module)
            if vm is not None and vm.KIND == "Instance":
                return vm
    return None


def _iops(ctx: Ctx, node: N.Resource, spec: D.VolumeSpec) -> E.Expr:
    """The OVH class as a Block Storage IOPS class (the volume types of compute.json)."""
    row = K.table()["volumes"]
    at = (spec.type.source or node).span
    if spec.volume_class is not None:
        iops = int(row["classes"][spec.volume_class.value])
        ctx.sink.add("IT306", at, f"volume type `{spec.type.text}` mapped to Block Storage "
                     f"with {iops} IOPS")
        return K.num(iops)
    if spec.type.source is not None:
        ctx.sink.add("IT308", at, f"the volume type of {node.address} is not an OVH class the "
                     f"translator knows; it gets the {row['default_iops']}-IOPS class")
    return K.num(int(row["default_iops"]))


def lower_attachment(ctx: Ctx, node: N.Resource) -> None:
    """A volume attached to a server: one more of its additional_volume_ids."""
    spec = D.read_attachment(ctx, node)
    u = Use(ctx, node, "scaleway_instance_server")
    for path in ("instance_id", "volume_id", "device", "region"):
        u.raw(path)
    vm = ctx.resolve(spec.instance, node.module) if spec.instance is not None else None
    block = ctx.primary.get(ctx.key_of(vm)) if vm is not None else None
    if vm is None or block is None or spec.volume is None or \
            node.meta.count is not None or node.meta.for_each is not None:
        ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its server is "
                     "not a scaleway_instance_server of this module (or the attachment is "
                     "repeated)", "list the volume in additional_volume_ids of the server")
        return u.done()
    vol = ctx.rewrite(spec.volume, node.module)
    old = block.get("additional_volume_ids")
    items = old.items if isinstance(old, E.Tuple) else ()
    block.set("additional_volume_ids", E.Tuple((*items, vol)))
    ctx.merged(node, block)
    ctx.sink.add("IT306", node.span, f"{node.address} becomes additional_volume_ids of "
                 f"scaleway_instance_server.{vm.name}")
    if spec.device is not None:
        ctx.sink.add("IT302", spec.device.span or node.span, f"`device` of {node.address} is "
                     "not translated: the guest sees Block Storage as /dev/sdX in attach "
                     "order (mount by label or UUID)")
    u.done()


lower_backup = not_translated(
    "IT338", "{address} is not translated: Scaleway snapshots Block Storage with "
    "scaleway_block_snapshot (one point in time); schedule them from a job (Serverless Jobs, "
    "cron) and copy File Storage data with a sync job", "Scaleway")


DECLARE: dict[str, Declaring] = {"Volume": declare_volume,
                                 "VolumeAttachment": lambda ctx, node: RefTarget(None, {})}
LOWER: dict[str, Lowering] = {"Volume": lower_volume, "VolumeAttachment": lower_attachment,
                              "Backup": lower_backup}
