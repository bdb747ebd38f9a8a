"""Azure Files NFS shares from FileShareSpec: a Premium FileStorage account and its share."""

from __future__ import annotations

import math
import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import not_translated
from . import common as C
from . import unique_names
from .disk import group_at

SHARE, ACCOUNT = "azurerm_storage_share", "azurerm_storage_account"
# Premium file shares: 100 GiB to 100 TiB, provisioned per GiB
# (https://learn.microsoft.com/azure/storage/files/understanding-billing).
_MIN_GB, _MAX_GB = 100, 102400


def _account_label(node: N.Resource) -> str:
    return f"{node.name}_nfs"


def declare_share(ctx: Ctx, node: N.Resource) -> RefTarget:
    acc = f"{ACCOUNT}.{_account_label(node)}.name"
    # NFS clients mount <account>.file.core.windows.net:/<account>/<share>
    path = f'"${{{acc}}}.file.core.windows.net:/${{{acc}}}/${{{{self}}.name}}"'
    return RefTarget(f"{SHARE}.{node.name}", {"name": "{self}.name", "size": "{self}.quota",
                                              "export_locations[].path": path})


def lower_share(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_share(ctx, node)
    u = ST.use(ctx, node, spec.read, SHARE)
    group, where = group_at(ctx, node, spec.location.source)
    a = TfBlock("resource", (ACCOUNT, _account_label(node)))
    a.note(f"the Premium FileStorage account NFS shares need (for {node.address})")
    a.set("name", E.Literal((re.sub(r"[^a-z0-9]", "", node.name.lower()) + "nfs")[:24]))
    a.set("resource_group_name", group)
    a.set("location", where)
    unique_names.warn(ctx, node, a)  # (a fixed name in a repeated module: IT308)
    a.set("account_tier", E.Literal("Premium"))
    a.set("account_kind", E.Literal("FileStorage"))
    a.set("account_replication_type", E.Literal("LRS"))
    a.set("https_traffic_only_enabled", E.Literal(False), "NFS 4.1 has no TLS: Azure "
          "refuses NFS shares on accounts that require secure transfer")
    a.set("min_tls_version", E.Literal("TLS1_2"))
    rules = a.block("network_rules", comment="NFS has no authentication: only the networks "
                    "listed here may mount (add the clients' subnets)")
    rules.set("default_action", E.Literal("Deny"))
    rules.set("bypass", E.Tuple((E.Literal("AzureServices"),)))
    P.emit_meta(ctx, a, node, {})
    ctx.emit(node.span, a)
    b = TfBlock("resource", (SHARE, node.name))
    b.set("name", ST.written_or(ctx, node, spec.name,
                                C.instance_name(node, node.name.replace("_", "-"))))
    b.set("storage_account_id", companions.same(node, ACCOUNT, "id", _account_label(node)))
    b.set("quota", _size(ctx, node, spec))
    b.set("enabled_protocol", E.Literal("NFS"))
    if spec.protocol not in ("NFS", ""):
        ctx.sink.add("IT301", u.span("protocol"), f"{node.address} is a {spec.protocol} "
                     "share on OVH; it becomes an NFS 4.1 share (Azure Files serves SMB from "
                     "separate shares: enabled_protocol = SMB)")
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an NFS 4.1 Azure Files share on "
                 f"a Premium FileStorage account ({ACCOUNT}.{_account_label(node)}): NFS "
                 "needs Premium, no secure transfer, and network rules; clients mount "
                 "<account>.file.core.windows.net:/<account>/<share> (vers=4,minorversion=1)",
                 "the account's network_rules deny every network until the clients' subnets "
                 "(with the Microsoft.Storage service endpoint) or a private endpoint are added; "
                 "the account name is global (3-24 lowercase letters and digits): change it "
                 "if taken")
    if spec.zone.source is not None:
        u.raw("availability_zone")
        ctx.sink.add("IT306", spec.zone.source.span or node.span, f"{node.address}: an LRS "
                     "Premium file share is zonal in a zone Azure picks (ZRS spans zones)")
    u.drop("description", "an Azure file share has metadata, no description")
    for path in ("share_type", "type"):
        u.drop(path, "Azure Files has one NFS share type (Premium)")
    u.drop("snapshot_id", "an OVH snapshot is not an Azure share snapshot: copy the data in")
    P.place(ctx, node, b)
    u.done()


def _size(ctx: Ctx, node: N.Resource, spec: D.FileShareSpec) -> E.Expr:
    if spec.size.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} sets no size; it gets {_MIN_GB} GiB")
        return E.Literal(_MIN_GB, str(_MIN_GB))
    if spec.size.gb is None:
        ctx.sink.add("IT301", spec.size.source.span or node.span, f"the size of "
                     f"{node.address} is computed: a Premium file share takes {_MIN_GB} to "
                     f"{_MAX_GB} GiB")
        return ctx.rewrite(spec.size.source, node.module)
    size = min(_MAX_GB, max(_MIN_GB, math.ceil(spec.size.gb)))
    if size != spec.size.gb:
        ctx.sink.add("IT301", spec.size.source.span or node.span, f"{node.address}: "
                     f"{spec.size.gb:g} GB becomes {size} GiB (a Premium file share takes "
                     f"{_MIN_GB} to {_MAX_GB} GiB)")
    return E.Literal(size, str(size))


lower_share_network = not_translated(
    "IT310", "{address} has no counterpart: an Azure file share is reached through its "
    "storage account's network rules or a private endpoint, not exported on a network",
    "Azure")


DECLARE: dict[str, Declaring] = {"FileShare": declare_share,
                                 "FileShareNetwork": lambda ctx, node: RefTarget(None, {})}
LOWER: dict[str, Lowering] = {"FileShare": lower_share, "FileShareNetwork": lower_share_network}
