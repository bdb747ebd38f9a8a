"""GKE lowering of file shares (Filestore), backups/snapshots and log subscriptions."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from .instance_names import warn_repeated

FILESTORE = "google_filestore_instance"
_MIN_GB = 1024  # the smallest Filestore (BASIC_HDD / ZONAL) instance is 1 TiB


def declare_share(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(FILESTORE, node), {
        "name": "{self}.name", "size": "{self}.file_shares[0].capacity_gb",
        "export_locations[].path": '"${{self}.networks[0].ip_addresses[0]}:/share"'})


def lower_share(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_share(ctx, node)
    u = Use(ctx, node, FILESTORE)
    for path in spec.read:
        u.raw(path)
    b = TfBlock("resource", (FILESTORE, node.name))
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None else None
    literal = E.str_value(name)
    b.set("name", E.Literal(C.gcp_name(literal or node.name)) if name is None or literal
          else name)
    b.set("location", C.zone_for(ctx, node, spec.location.source, spec.zone.source))
    warn_repeated(ctx, node, FILESTORE, b.get("name"), "per project and zone",
                  b.get("location"))
    b.set("tier", E.Literal("ZONAL"))
    if spec.protocol not in ("", "NFS"):
        ctx.sink.add("IT305", u.span("protocol"), f"{node.address} uses "
                     f"{E.str_value(spec.protocol_source) or spec.protocol}; Filestore "
                     "serves NFS only")
    shares = b.block("file_shares")
    shares.set("name", E.Literal("share"))
    size, gb = spec.size.source, spec.size.gb
    if gb is not None and size is not None and gb < _MIN_GB:
        ctx.sink.add("IT301", size.span, f"{node.address}: {int(gb)} GB becomes {_MIN_GB} GB, "
                     "the smallest Filestore capacity")
        shares.set("capacity_gb", C.num(_MIN_GB))
    elif size is not None:
        shares.set("capacity_gb", ctx.rewrite(size, node.module))
    else:
        shares.set("capacity_gb", C.num(_MIN_GB))
    net = b.block("networks")
    network = ctx.rewrite(spec.network, spec.network_module) if spec.network is not None \
        else None
    net.set("network", network or E.Literal("default"))
    net.set("modes", C.strings(["MODE_IPV4"]))
    if network is None:
        ctx.sink.add("IT308", node.span, f"{node.address}: the share network is not declared "
                     "here; the `default` VPC is used")
    u.drop("description", "kept in the resource name only")
    u.drop("share_type", "Filestore tiers replace OVH share types (ZONAL is used)")
    u.drop("type", "Filestore tiers replace OVH share types (ZONAL is used)")
    u.drop("snapshot_id", "restore from a Filestore backup with file_shares.source_backup")
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


lower_share_network = not_translated(
    "IT310", "{address} is folded into the `networks` block of the Filestore instances that "
    "use it")
lower_backup = not_translated(
    "IT338", "{address} is not translated: schedule snapshots with a "
    "google_compute_resource_policy (snapshot_schedule_policy) attached to the disks, or "
    "Backup and DR")
lower_log_subscription = not_translated(
    "IT338", "{address} is not translated: GCP writes these logs to Cloud Logging; add a "
    "google_logging_project_sink to forward them")
