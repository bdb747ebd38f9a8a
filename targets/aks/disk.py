"""Azure managed disks from VolumeSpec, their attachments to VMs; OVH backups reported."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import disks as D

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase import volume_class as VC
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.shipped import shipped
from ..tfbase.use import not_translated
from . import common as C

DISK, ATTACH = "azurerm_managed_disk", "azurerm_virtual_machine_data_disk_attachment"


def table() -> dict[str, Any]:
    """aks/compute.json: the compute family's choices that are data."""
    return shipped("aks/compute.json")


def _by_vm(ctx: Ctx, module: str) -> dict[int, list[N.Resource]]:
    """The module's volume attachments by the server they name, in model order."""
    found: dict[int, list[N.Resource]] = {}
    for a in ctx.by_module.resources(module, "VolumeAttachment"):
        if (vm := ctx.resolve(a.get("instance_id"), a.module)) is not None:
            found.setdefault(id(vm), []).append(a)
    return found


def group_at(ctx: Ctx, node: N.Resource, source: E.Expr | None) -> tuple[E.Expr, E.Expr]:
    """(resource group name, location) of a compute resource at the OVH region `source`
    (None: the module's)."""
    location = C.map_region(ctx, node, source) if source is not None else None
    return C.resource_group(ctx, node.module, location)


def declare_volume(ctx: Ctx, node: N.Resource) -> RefTarget:
    return CF.self_refs(DISK, node, name="name", size="disk_size_gb")


def lower_volume(ctx: Ctx, node: N.Resource) -> None:
    spec = D.read_volume(ctx, node)
    u, b = CF.begin(ctx, node, spec.read, DISK)
    CF.description_comment(ctx, node, b, spec.description, "an Azure managed disk")
    b.set("name", ST.written_or(ctx, node, spec.name,
                                C.instance_name(node, node.name.replace("_", "-"), 80)))
    group, where = group_at(ctx, node, spec.location.source)
    b.set("location", where)
    b.set("resource_group_name", group)
    b.set("storage_account_type", _type(ctx, node, spec))
    b.set("create_option", E.Literal("Empty"))
    CF.volume_size(ctx, node, b, spec, "disk_size_gb")
    zone = C.zone_of(ctx, spec.zone.text) if spec.zone.text else None
    if zone is not None:
        b.set("zone", E.Literal(zone))
    CF.volume_drops(ctx, node, u, spec, table()["not_translated"]["volume"])
    P.place(ctx, node, b)
    u.done()


def _type(ctx: Ctx, node: N.Resource, spec: D.VolumeSpec) -> E.Expr:
    """The OVH class as a managed disk type (aks/compute.json volumes)."""
    row = table()["volumes"]
    kind, known = VC.by_class(ctx, node, spec, row["classes"], row["default"],
                              "the {} managed disk type", "{}")
    if known and spec.volume_class is D.VolumeClass.HIGH_IOPS:
        ctx.sink.add("IT301", (spec.type.source or node).span, f"`{spec.type.text}` of "
                     f"{node.address} grows its IOPS with size on OVH; a {kind} disk's IOPS "
                     "are those of its size tier (P-tier)", "PremiumV2_LRS sets IOPS apart "
                     "from size (zonal disks only)")
    return E.Literal(str(kind))


def lower_attachment(ctx: Ctx, node: N.Resource) -> None:
    """A volume attached to a server: a data disk attachment on the next LUN of its VM (in
    the module's order of attachments to that server)."""
    spec, u = CF.attachment(ctx, node, ATTACH)
    vm = ctx.resolve(spec.instance, node.module) if spec.instance is not None else None
    disk = ctx.resolve(spec.volume, node.module) if spec.volume is not None else None
    if not isinstance(vm, N.Resource) or vm.KIND != "Instance" or not isinstance(
            disk, N.Resource) or disk.KIND != "Volume":
        return CF.not_attached(ctx, node, u, "its server or volume is not declared in this "
                               "module", "attach the disk with azurerm_virtual_machine_data_"
                               "disk_attachment (managed_disk_id, virtual_machine_id, lun, "
                               "caching)")
    same_vm = C.once(ctx, f"attachments {node.module}", lambda: _by_vm(ctx, node.module)
                     ).get(id(vm), [])
    b = TfBlock("resource", (ATTACH, node.name))
    b.set("managed_disk_id", ctx.rewrite(spec.volume, node.module))
    b.set("virtual_machine_id", ctx.rewrite(spec.instance, node.module))
    b.set("lun", E.Literal(same_vm.index(node), str(same_vm.index(node))))
    b.set("caching", E.Literal("None"), "no host cache: writes reach the disk (ReadOnly "
          "suits read-mostly data)")
    CF.device_dropped(ctx, node, spec, "Azure attaches data disks by LUN (the guest sees "
                      "/dev/disk/azure/scsi1/lun<N>; mount by label or UUID)")
    P.place(ctx, node, b)
    u.done()


lower_backup = not_translated(
    "IT338", "{address} is not translated: Azure backs up managed disks and VMs with Azure "
    "Backup (azurerm_data_protection_backup_vault + azurerm_data_protection_backup_policy_disk "
    "+ azurerm_data_protection_backup_instance_disk)", "Azure")


DECLARE, LOWER = CF.volume_tables(declare_volume, lower_volume, lower_attachment, lower_backup)
