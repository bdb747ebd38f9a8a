"""Scaleway File Storage from FileShareSpec: a filesystem attached to Instances, not NFS."""

from __future__ import annotations

import math

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

FS = "scaleway_file_filesystem"


def declare_share(ctx: Ctx, node: N.Resource) -> RefTarget:
    # export_locations (an NFS path) has no counterpart: references to it are reported.
    return RefTarget(f"{FS}.{node.name}", {"name": "{self}.name", "size": "{self}.size_in_gb"})


def lower_share(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_share(ctx, node)
    u = Use(ctx, node, FS)
    for path in spec.read:
        u.raw(path)
    files = K.table()["files"]
    why = K.table()["not_translated"]["file_share"]
    b = TfBlock("resource", (FS, node.name))
    b.set("name", ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None
          else E.Literal(C.scw_name(node.name)))
    b.set("size_in_gb", _size(ctx, node, spec, int(files["min_gb"]), int(files["step_gb"])))
    K.set_region(ctx, node, b, spec.location.source)
    if spec.protocol not in ("NFS", ""):
        ctx.sink.add("IT301", u.span("protocol"), f"{node.address} is a {spec.protocol} share: "
                     "Scaleway File Storage is a POSIX filesystem attached to Instances")
    ctx.sink.add("IT301", node.span, f"{node.address} becomes Scaleway File Storage: "
                 f"{why['protocol']}; attach it with the filesystems block of each "
                 "scaleway_instance_server (filesystem_id) or the File Storage CSI driver on "
                 "Kapsule, and mount it in the guest (mount -t virtiofs)",
                 "clients that mount the OVH export over NFS must change their mount")
    if spec.zone.source is not None:
        u.raw("availability_zone")
        ctx.sink.add("IT306", spec.zone.source.span or node.span, f"{node.address}: Scaleway "
                     "File Storage is regional (no zone)")
    for path, key in (("share_type", "share_type"), ("type", "share_type"),
                      ("description", "description"), ("snapshot_id", "snapshot_id")):
        u.drop(path, why[key])
    P.place(ctx, K.unbound(node), b)
    u.done()


def _size(ctx: Ctx, node: N.Resource, spec: D.FileShareSpec, low: int, step: int) -> E.Expr:
    if spec.size.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} sets no size; it gets {low} GB")
        return K.num(low)
    if spec.size.gb is None:
        ctx.sink.add("IT301", spec.size.source.span or node.span, f"the size of "
                     f"{node.address} is computed: Scaleway File Storage takes {low} GB or "
                     f"more in steps of {step} GB (up to {K.table()['files']['max_gb']})")
        return ctx.rewrite(spec.size.source, node.module)
    high = int(K.table()["files"]["max_gb"])
    size = min(high, max(low, int(math.ceil(spec.size.gb / step)) * step))
    if size != spec.size.gb:
        ctx.sink.add("IT301", spec.size.source.span or node.span, f"{node.address}: "
                     f"{spec.size.gb:g} GB becomes {size} GB (Scaleway File Storage takes "
                     f"{low} to {high} GB in steps of {step} GB)")
    return K.num(size)


lower_share_network = not_translated(
    "IT310", "{address} has no counterpart: Scaleway File Storage is attached to the "
    "Instances that use it, not exported on a network", "Scaleway")


DECLARE: dict[str, Declaring] = {"FileShare": declare_share,
                                 "FileShareNetwork": lambda ctx, node: RefTarget(None, {})}
LOWER: dict[str, Lowering] = {"FileShare": lower_share, "FileShareNetwork": lower_share_network}
