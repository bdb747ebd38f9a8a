"""Scaleway Block Storage from VolumeSpec, attachments to Instances, and OVH backups (reported)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase import volume_class as VC
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import not_translated
from . import common as C
from . import compute as K

BLOCK = "scaleway_block_volume"


def declare_volume(ctx: Ctx, node: N.Resource) -> RefTarget:
    # (no `region`: a Block Storage volume has a zone)
    return CF.self_refs(BLOCK, node, name="name", size="size_in_gb")


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_volume(ctx, node)
    u, b = CF.begin(ctx, node, spec.read, BLOCK)
    b.set("name", ST.written_or(ctx, node, spec.name, E.Literal(C.scw_name(node.name))))
    b.set("iops", _iops(ctx, node, spec))
    CF.volume_size(ctx, node, b, spec, "size_in_gb")
    vm = CF.attached_instance(ctx, node)
    if vm is not None:
        # Block Storage attaches in its own zone only: the server's, as a value (a reference
        # to the server would be a cycle: the server lists the volume's id)
        where = _server_zone(ctx, vm)
        if where is not None:
            b.set("zone", where)
    else:
        K.zone(ctx, node, b, spec.zone.text, spec.location.text, spec.location.source)
    CF.description_comment(ctx, node, b, spec.description, "a Scaleway volume")
    CF.volume_drops(ctx, node, u, spec, K.table()["not_translated"]["volume"])
    P.place(ctx, K.unbound(node), b)
    u.done()


def _server_zone(ctx: Ctx, vm: N.Resource) -> E.Expr | None:
    """The zone instance.lower_instance gives server `vm` (None: the provider's)."""
    spec = M.read_instance(ctx, vm)
    probe = TfBlock("resource", ("scaleway_instance_server", vm.name))
    K.zone(ctx, vm, probe, spec.zone.text, spec.location.text, spec.location.source)
    return probe.get("zone")


def _iops(ctx: Ctx, node: N.Resource, spec: D.VolumeSpec) -> E.Expr:
    """The OVH class as a Block Storage IOPS class (the volume types of compute.json)."""
    row = K.table()["volumes"]
    iops, _ = VC.by_class(ctx, node, spec, row["classes"], row["default_iops"],
                          "Block Storage with {} IOPS", "the {}-IOPS class")
    return K.num(int(iops))


def lower_attachment(ctx: Ctx, node: N.Resource) -> None:
    """A volume attached to a server: one more of its additional_volume_ids."""
    spec, u = CF.attachment(ctx, node, "scaleway_instance_server")
    vm = ctx.resolve(spec.instance, node.module) if spec.instance is not None else None
    block = ctx.primary.get(ctx.key_of(vm)) if vm is not None else None
    if vm is None or block is None or spec.volume is None or \
            node.meta.count is not None or node.meta.for_each is not None:
        return CF.not_attached(ctx, node, u, "its server is not a scaleway_instance_server "
                               "of this module (or the attachment is repeated)", "list the "
                               "volume in additional_volume_ids of the server")
    vol = ctx.rewrite(spec.volume, node.module)
    old = block.get("additional_volume_ids")
    items = old.items if isinstance(old, E.Tuple) else ()
    block.set("additional_volume_ids", E.Tuple((*items, vol)))
    ctx.merged(node, block)
    ctx.sink.add("IT306", node.span, f"{node.address} becomes additional_volume_ids of "
                 f"scaleway_instance_server.{vm.name}")
    CF.device_dropped(ctx, node, spec, "the guest sees Block Storage as /dev/sdX in attach "
                      "order (mount by label or UUID)")
    u.done()


lower_backup = not_translated(
    "IT338", "{address} is not translated: Scaleway snapshots Block Storage with "
    "scaleway_block_snapshot (one point in time); schedule them from a job (Serverless Jobs, "
    "cron) and copy File Storage data with a sync job", "Scaleway")


DECLARE, LOWER = CF.volume_tables(declare_volume, lower_volume, lower_attachment, lower_backup)
