"""The Scaleway target: each concept family's lowerings, merged, plus target-wide scaffolding."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from iac_translate.compiler.ir import nodes as N

from ..tfbase import omitted
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering, TerraformTarget
from ..tfbase.refs import RefTarget
from . import (
    cluster,
    compute,
    database,
    loadbalancer,
    network,
    nodepool,
    providers,
    registry,
    storage,
)
from . import common as C

# Each family module exports DECLARE and LOWER (concept kind -> function) and may export
# `mappers(ctx)` for the values it maps in variable defaults; a kind no module lowers is
# reported (IT305) by the driver.
FAMILIES: tuple[ModuleType, ...] = (network, loadbalancer, cluster, nodepool, registry, storage,
                                    database, compute)

_WORDS = {"cloud": "Scaleway", "account": "a project",
          "quotas": "in the Scaleway console (Organization > Quotas)",
          "presign": "aws s3 presign --endpoint-url https://s3.<region>.scw.cloud"}


def _declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
    return omitted.declare_lookup(ctx, node, lambda s: C.region_of(ctx, s))


def _lower_lookup(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_lookup(ctx, node, "Scaleway")


def _lower_other(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_other(ctx, node, _WORDS)


def _merged(attr: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for family in FAMILIES:
        out.update(getattr(family, attr, {}))
    return out


def _s3_buckets_first(order: tuple[str, ...]) -> tuple[str, ...]:
    """aws_s3_bucket (S3Bucket) lowered with the OVH buckets: an OVH user's S3 policy naming
    it writes into its scaleway_object_bucket's policy, which must exist by then."""
    rest = tuple(k for k in order if k != "S3Bucket")
    at = rest.index("Bucket") + 1 if "Bucket" in rest else 0
    return rest[:at] + ("S3Bucket",) + rest[at:]


class ScalewayTarget(TerraformTarget):
    NAME = "scaleway"
    ORDER = _s3_buckets_first(TerraformTarget.ORDER)
    # Hard-coded OVH S3 endpoints in values become Scaleway Object Storage's (fr-par by
    # default; the bucket's region decides: the storage family says so where it maps one).
    S3_ENDPOINT = "https://s3.fr-par.scw.cloud"
    WORDS = {"cloud": "Scaleway", "region": "a Scaleway region (e.g. fr-par)",
             "zone": "a Scaleway zone (e.g. fr-par-1)",
             "flavor": "a Scaleway node type (e.g. PRO2-S)",
             "db_flavor": "a Scaleway database node type (e.g. DB-PRO2-XXS)",
             "db_version": "a Scaleway engine version (e.g. PostgreSQL-16)"}
    DECLARE: dict[str, Declaring] = {"Lookup": _declare_lookup, **_merged("DECLARE")}
    LOWER: dict[str, Lowering] = {"Lookup": _lower_lookup, "OvhOther": _lower_other,
                                  **_merged("LOWER")}

    def mappers(self, ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
        out: dict[str, Callable[[str], str | None]] = {
            "region": lambda s: C.region_of(ctx, s), "zone": lambda s: C.zone_of(ctx, s),
            "flavor": lambda s: C.node_type_of(ctx, s)}
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
