"""GKE lowering of file shares (Filestore), backups/snapshots and log subscriptions."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from ..tfbase.values import literal_str
from . import common as C

FILESTORE = "google_filestore_instance"
_MIN_GB = 1024  # the smallest Filestore (BASIC_HDD / ZONAL) instance is 1 TiB


def declare_share(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(FILESTORE, node), {
        "name": "{self}.name", "size": "{self}.file_shares[0].capacity_gb",
        "export_locations[].path": '"${{self}.networks[0].ip_addresses[0]}:/share"'})


def lower_share(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, FILESTORE)
    b = TfBlock("resource", (FILESTORE, node.name))
    name = u.expr("name")
    literal = E.str_value(name)
    b.set("name", E.Literal(C.gcp_name(literal or node.name)) if name is None or literal
          else name)
    region = u.raw("region_name") or u.raw("region")
    b.set("location", C.zone_for(ctx, node, region, u.raw("availability_zone")))
    b.set("tier", E.Literal("ZONAL"))
    protocol = literal_str(u.raw("protocol"), node, ctx)
    if protocol not in (None, "NFS", "nfs"):
        ctx.sink.add("IT305", u.span("protocol"), f"{node.address} uses {protocol}; Filestore "
                     "serves NFS only")
    shares = b.block("file_shares")
    shares.set("name", E.Literal("share"))
    size = u.raw("size")
    gb = size.value if isinstance(size, E.Literal) and isinstance(size.value, int) else None
    if gb is not None and size is not None and gb < _MIN_GB:
        ctx.sink.add("IT301", size.span, f"{node.address}: {gb} GB becomes {_MIN_GB} GB, the "
                     "smallest Filestore capacity")
        shares.set("capacity_gb", C.num(_MIN_GB))
    elif size is not None:
        shares.set("capacity_gb", ctx.rewrite(size, node.module))
    else:
        shares.set("capacity_gb", C.num(_MIN_GB))
    net = b.block("networks")
    network = _share_network(ctx, node, u)
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


def _share_network(ctx: Ctx, node: N.Resource, u: Use) -> E.Expr | None:
    direct = u.raw("network_id")
    u.raw("subnet_id")
    if direct is not None:
        return ctx.rewrite(direct, node.module)
    share_net = ctx.resolve(u.raw("share_network_id"), node.module)
    target = share_net.get("network_id") if share_net is not None else None
    if share_net is not None and target is not None:
        return ctx.rewrite(target, share_net.module)
    return None


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
