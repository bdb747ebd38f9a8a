"""EKS lowering of file shares (EFS, mount targets, NFS group), backups and log subscriptions."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase import reftables
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.use import not_translated
from . import common as C
from . import network
from .placement import companion, network_ref, note, platform, set_region, shape, unbound

EFS = "aws_efs_file_system"


def lower_share(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_share(ctx, node)
    u = ST.use(ctx, node, spec.read, EFS)
    if spec.protocol not in ("NFS", ""):
        note(ctx, "files.not_nfs", u.span("protocol"), address=node.address,
             protocol=spec.protocol)
    b = TfBlock("resource", (EFS, node.name))
    name = C.name_value(node, spec.name.source and ctx.rewrite(spec.name.source, node.module))
    set_region(ctx, node, b, spec.location.source)
    shape(b, "file_share", node)
    b.set("tags", C.tags(name))
    if spec.size.source is not None:
        note(ctx, "files.size_elastic", spec.size.source.span or node.span,
             address=node.address)
    if spec.zone.source is not None:
        note(ctx, "files.zone_regional", spec.zone.source.span or node.span,
             address=node.address)
    for path, why in platform()["not_translated"]["file_share"].items():
        u.drop(path, why)
    P.place(ctx, unbound(node), b)
    _mounts(ctx, node, spec)
    u.done()


def _mounts(ctx: Ctx, node: N.Resource, spec: D.FileShareSpec) -> None:
    """One mount target per private subnet, behind a group that admits NFS from the VPC."""
    ref = network_ref(ctx, node, spec.subnet, spec.network)
    if ref is None:
        note(ctx, "files.network_not_declared", node.span, address=node.address)
    subnets = network.private_subnet_ids(ctx, node, ref) if ref is not None else \
        network.default_vpc(ctx, node.module)[1]
    vpc = network.vpc_id_of(ctx, node, ref) if ref is not None else \
        network.default_vpc(ctx, node.module)[0]
    t = E.traversal(subnets)
    one = t is not None and t[0] == "data"  # a lookup's length is unknown until it is read
    if one:
        note(ctx, "files.one_mount_target", node.span, address=node.address)
    elif node.meta.count is not None or node.meta.for_each is not None:
        # The mount targets repeat like the file system: one each, `count` is taken.
        one = True
        note(ctx, "files.repeated_one_mount_target", node.span, address=node.address)
    companion(ctx, "nfs_access", node, vpc=vpc, cidr=_cidr_of(ctx, node, vpc),
              count=None if one else E.Call("length", (subnets,)),
              subnet=network.subnet_at(subnets, C.num(0) if one else E.ref("count.index")))


def _cidr_of(ctx: Ctx, node: N.Resource, vpc: E.Expr) -> E.Expr:
    """The VPC's CIDR: `cidr_block` of the same VPC object, else a lookup by id."""
    t = E.traversal(vpc)
    if t is not None and t[1] and t[1][-1] == ("attr", "id"):
        return E.build_traversal(t[0], [*t[1][:-1], ("attr", "cidr_block")])

    companion(ctx, "vpc_lookup", node, vpc=vpc)
    return E.ref(f"data.aws_vpc.{node.name}_nfs.cidr_block")


lower_share_network = not_translated(
    "IT310", "{address} is folded into the mount targets of the EFS file systems that use it")
lower_backup = not_translated(
    "IT338", "{address} is not translated: schedule EBS snapshots with AWS Backup "
    "(aws_backup_plan + aws_backup_selection) or Data Lifecycle Manager "
    "(aws_dlm_lifecycle_policy); EFS file systems are backed up by AWS Backup")
lower_log_subscription = not_translated(
    "IT338", "{address} is not translated: AWS load balancers write access logs to S3 "
    "(access_logs of aws_lb); forward them with CloudWatch Logs or Firehose")


DECLARE: dict[str, Declaring] = reftables.declarings(platform()["references"], (
    "FileShare", "FileShareNetwork"))
LOWER: dict[str, Lowering] = {"FileShare": lower_share, "FileShareNetwork": lower_share_network,
                              "Backup": lower_backup, "LogSubscription": lower_log_subscription}
