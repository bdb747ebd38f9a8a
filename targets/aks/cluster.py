"""AKS lowering of an OVH managed Kubernetes cluster: azurerm_kubernetes_cluster, data source."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import dropped, reftables
from ..tfbase import kube_family as KF
from ..tfbase import kube_lifecycle as L
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import common as C
from . import kube_attach, kube_nat, kube_parts, kube_subnet, kube_version, unique_names
from .kube_data import note, table

CLUSTER = "azurerm_kubernetes_cluster"
TIMEOUTS = ("create", "read", "update", "delete")


def lower_cluster(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_cluster(ctx, node)
    cfg = table()["cluster"]
    spec, u, b = KF.start_cluster(ctx, node, CLUSTER)
    name = u.expr("name")
    b.set("name", name or C.instance_name(node, node.name))
    location = C.map_region(ctx, node, spec.location.source)
    rg, loc = C.resource_group(ctx, node.module, location)
    b.set("location", loc)
    b.set("resource_group_name", rg)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    shown = E.str_value(name) if name is not None else None
    b.set("dns_prefix", E.Literal(C.az_name(shown or node.name, 54)), cfg["dns_prefix_note"])
    kube_version.version(ctx, node, spec, b)
    b.set("sku_tier", KF.by_plan(ctx, node, spec, cfg["sku_tier"], cfg["sku_why"], note,
                                 ("cluster.sku_from_plan", "tier"), {}))
    if ctx.harden.workload_identity:
        # AKS's own issuer, for workload identity (not API login: OVH's OIDC is reported)
        b.set("oidc_issuer_enabled", E.Literal(True))
        b.set("workload_identity_enabled", E.Literal(True))
        note(ctx, "cluster.workload_identity", node.span, address=node.address)
    kube_parts.upgrades(ctx, node, spec, b)
    kube_parts.default_pool(ctx, node, spec, b)
    nat = kube_nat.association(ctx, node, spec)
    if nat is not None:
        kube_nat.identity(node, b)
    else:
        idb = b.block("identity", comment=cfg["identity_why"])
        idb.set("type", E.Literal(cfg["identity"]))
    kube_parts.network_profile(ctx, node, spec, b)
    _blob_driver(ctx, node, b)
    _not_translated(ctx, node, spec)
    KF.placed(ctx, node, b, u, TIMEOUTS, table(), "AKS")
    kube_version.guard(b)
    if nat is not None:
        kube_nat.apply(ctx, node, b, nat)
    else:
        kube_nat.grant_system_identity(ctx, node, b)
    if spec.version.source is None:
        # Created at AKS's default version, as OVH installs its latest; a later default must
        # not upgrade it at the next apply: the upgrade channel decides, as on OVH.
        note(ctx, "cluster.version_latest", node.span, address=node.address)
        L.ignore(b, ("kubernetes_version",))
    u.done()


def _blob_driver(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """Workloads of the same estate mount buckets (Blob containers) through the Azure Blob
    CSI driver, an AKS add-on off by default (gke: the FUSE driver, eks: Mountpoint)."""
    if "object-storage" not in ctx.harden.needs:
        return
    b.block("storage_profile").set("blob_driver_enabled", E.Literal(True))
    ctx.sink.add("IT346", node.span, f"the cluster of {node.address} enables the Azure Blob "
                 "CSI driver (storage_profile.blob_driver_enabled) and workload identity: "
                 "workloads of this repository mount containers")


def _not_translated(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    KF.not_translated(ctx, node, spec, table()["not_translated"]["cluster"], note)
    adm = spec.admission
    written = [e for e in (adm.enabled, adm.disabled) if e is not None and not dropped.unset(e)]
    if written:
        block = node.get(adm.written_as)  # at the block, as the other clouds report it
        note(ctx, "cluster.admission", (block.span if block is not None else None) or
             written[0].span or node.span, address=node.address, written_as=adm.written_as)
    KF.lb_subnet(ctx, node, spec, note)
    if spec.nodes_subnet is None:
        at = spec.network.span if spec.network is not None and spec.network.span else node.span
        found = kube_subnet.network_subnet(ctx, node, spec)
        if found is not None:
            note(ctx, "cluster.network_only_subnet", at, address=node.address,
                 subnet=found[0].address, ref=to_hcl(found[1]))
        else:
            note(ctx, "cluster.network_added" if spec.network is None else
                 "cluster.network_no_subnet", at, address=node.address)


def _data_cluster(ctx: Ctx, node: N.Resource) -> None:
    # An id given from outside (a variable...) must now hold the AKS cluster's name.
    KF.lookup(ctx, node, CLUSTER, "name", "AKS", "cluster.lookup", note, lambda spec, b: b.set(
        "resource_group_name", kube_parts.lookup_group(ctx, node.module)))


DECLARE: dict[str, Declaring] = {
    **reftables.declarings(table()["references"], ("Cluster",)), **kube_attach.DECLARE}
LOWER: dict[str, Lowering] = {"Cluster": lower_cluster, **kube_attach.LOWER}
