"""The AKS target: each concept family's lowerings, merged, plus target-wide scaffolding."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from iac_translate.compiler.ir import nodes as N

from ..tfbase import omitted
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering, TerraformTarget
from ..tfbase.lower_order import s3_buckets_first
from ..tfbase.refs import RefTarget
from . import (
    cluster,
    compute,
    database,
    loadbalancer,
    network,
    nodepool,
    octavia,
    providers,
    registry,
    storage,
)
from . import common as C

# Each family module exports DECLARE and LOWER (concept kind -> function) and may export
# `mappers(ctx)` for the values it maps in variable defaults; a kind no module lowers is
# reported (IT305) by the driver.
# (octavia lowers OpenStackOther: Octavia load balancers, and IT305 for the rest; a module
# that also lowers it must come before it, as a later family's entry wins.)
FAMILIES: tuple[ModuleType, ...] = (network, loadbalancer, cluster, nodepool, registry, storage,
                                    database, compute, octavia)

_WORDS = {"cloud": "Azure", "account": "a subscription",
          "quotas": "with azurerm quota requests (Azure portal > Quotas)",
          "presign": "az storage blob generate-sas"}


def _declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
    return omitted.declare_lookup(ctx, node, lambda s: C.region_of(ctx, s))


def _lower_lookup(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_lookup(ctx, node, "AKS")


def _lower_other(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_other(ctx, node, _WORDS)


def _merged(attr: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for family in FAMILIES:
        out.update(getattr(family, attr, {}))
    return out


class AksTarget(TerraformTarget):
    NAME = "aks"
    # (an OVH user's S3 policy on an aws_s3_bucket grants roles on what it became)
    ORDER = s3_buckets_first(TerraformTarget.ORDER)
    # Azure Blob Storage has no S3 API: hard-coded OVH S3 endpoints stay (and are reported)
    # until the storage family decides what replaces them.
    S3_ENDPOINT = None
    WORDS = {"cloud": "Azure", "region": "an Azure region (e.g. francecentral)",
             "zone": "an Azure availability zone (1, 2 or 3)",
             "flavor": "an Azure VM size (e.g. Standard_D4s_v5)",
             "db_flavor": "an Azure Database SKU (e.g. GP_Standard_D2ds_v5)",
             "db_version": "an Azure engine version (e.g. 16)"}
    DECLARE: dict[str, Declaring] = {"Lookup": _declare_lookup, **_merged("DECLARE")}
    LOWER: dict[str, Lowering] = {"Lookup": _lower_lookup, "OvhOther": _lower_other,
                                  **_merged("LOWER")}

    def mappers(self, ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
        out: dict[str, Callable[[str], str | None]] = {
            "region": lambda s: C.region_of(ctx, s), "zone": lambda s: C.zone_of(ctx, s),
            "flavor": lambda s: C.vm_size_of(ctx, s)}
        for family in FAMILIES:
            extra = getattr(family, "mappers", None)
            if extra is not None:
                out.update(extra(ctx))
        return out

    def ovh_vocabulary(self, ctx: Ctx, value: str) -> str | None:
        if value in ctx.tables.ovh_flavors["instance"] or value in ctx.tables.ovh_flavors[
                "database"]:
            return "flavor"
        if value.isupper() and value in ctx.tables.ovh_regions["regions"]:
            return "region"
        return None

    def lower_provider(self, ctx: Ctx, node: N.Provider) -> None:
        providers.lower_provider(ctx, node)

    def lower_settings(self, ctx: Ctx, node: N.TerraformSettings) -> None:
        providers.lower_settings(ctx, node)

    def lower_module_call(self, ctx: Ctx, node: N.ModuleCall) -> None:
        super().lower_module_call(ctx, providers.module_providers(ctx, node))

    def finish(self, ctx: Ctx) -> None:
        providers.finish(ctx)
