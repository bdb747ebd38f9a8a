"""The EKS target: each concept family's lowerings, merged, plus target-wide scaffolding."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import nodes as N

from ..tfbase import omitted
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering, TerraformTarget
from ..tfbase.refs import RefTarget
from . import cluster, compute, database, network, nodegroup, providers, registry, storage
from . import common as C

# Each family module exports DECLARE and LOWER (concept kind -> function) and may export
# `mappers(ctx)` for the values it maps in variable defaults; a kind no module lowers is
# reported (IT305) by the driver.
FAMILIES: tuple[ModuleType, ...] = (network, cluster, nodegroup, registry, storage, database,
                                    compute)

_WORDS = {"cloud": "AWS", "account": "an account",
          "quotas": "with Service Quotas (aws_servicequotas_service_quota)",
          "presign": "aws s3 presign"}


def _declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
    return omitted.declare_lookup(ctx, node, lambda s: C.region_of(ctx, s))


def _merged(attr: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for family in FAMILIES:
        out.update(getattr(family, attr, {}))
    return out


class EksTarget(TerraformTarget):
    NAME = "eks"
    # Hard-coded OVH S3 endpoints in values (locals, outputs, app settings) become Amazon
    # S3's: SDKs given it and the bucket's region reach the bucket (provider and backend
    # endpoints are dropped instead: providers.py).
    S3_ENDPOINT = "https://s3.amazonaws.com"
    WORDS = {"cloud": "AWS", "region": "an AWS region (e.g. eu-west-3)",
             "zone": "an AWS availability zone (e.g. eu-west-3a)",
             "flavor": "an EC2 instance type (e.g. m7i.xlarge)",
             "db_flavor": "an RDS instance class (e.g. db.m7g.large)",
             "db_version": "an RDS engine version (e.g. 17.4)"}
    DECLARE: dict[str, Declaring] = {"Lookup": _declare_lookup, **_merged("DECLARE")}
    LOWER: dict[str, Lowering] = {
        "Lookup": lambda ctx, node: omitted.lower_lookup(ctx, node, "EKS"),
        "OvhOther": lambda ctx, node: omitted.lower_other(ctx, node, _WORDS),
        **_merged("LOWER")}

    def mappers(self, ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
        out: dict[str, Callable[[str], str | None]] = {
            "region": lambda s: C.region_of(ctx, s), "zone": lambda s: C.zone_of(ctx, s),
            "flavor": lambda s: C.instance_type_of(ctx, s)}
        for family in FAMILIES:
            extra = getattr(family, "mappers", None)
            if extra is not None:
                out.update(extra(ctx))
        return out

    # The Mountpoint CSI driver reads buckets with its own credentials: every mount counts,
    # whether or not the pods run as an account of their own.
    GRANTS_BY_DRIVER = True

    def workload_grants(self, facts: Any, mounts: list[Any], sink: Sink) -> dict[str, str]:
        """Estate runs: the Mountpoint driver's IAM role for the buckets workloads mount."""
        from .workload_iam import grants
        return grants(facts, mounts, sink)

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
        from .controllers import finish as install_controllers  # estate runs (EKS-LBC)
        install_controllers(ctx)  # before providers.finish: it may require helm
        providers.finish(ctx)
