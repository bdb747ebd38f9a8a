"""The Scaleway target: each concept family's lowerings, merged, plus target-wide scaffolding."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink

from ..tfbase import omitted
from ..tfbase.family_target import FamilyTarget
from . import (
    cluster,
    compute,
    database,
    database_lookup,
    loadbalancer,
    network,
    nodepool,
    providers,
    registry,
    storage,
)


class ScalewayTarget(FamilyTarget):
    NAME = "scaleway"
    FAMILIES = (omitted, network, loadbalancer, cluster, nodepool, registry, storage, database,
                database_lookup, compute)
    PROVIDERS = providers
    LOOKUP_NAME = "Scaleway"
    OTHER_WORDS = {"cloud": "Scaleway", "account": "a project",
                   "quotas": "in the Scaleway console (Organization > Quotas)",
                   "presign": "aws s3 presign --endpoint-url https://s3.<region>.scw.cloud"}
    # Hard-coded OVH S3 endpoints in values become Scaleway Object Storage's (fr-par by
    # default; the bucket's region decides: the storage family says so where it maps one).
    S3_ENDPOINT = "https://s3.fr-par.scw.cloud"
    WORDS = {"cloud": "Scaleway", "project": "data.scaleway_account_project.current.id",
             "region": "a Scaleway region (e.g. fr-par)",
             "zone": "a Scaleway zone (e.g. fr-par-1)",
             "flavor": "a Scaleway node type (e.g. PRO2-S)",
             "db_flavor": "a Scaleway database node type (e.g. DB-PRO2-XXS)",
             "db_version": "a Scaleway engine version (e.g. PostgreSQL-16)"}

    def finish(self, ctx: Any) -> None:
        from .database_acl import finish
        finish(ctx)  # (each RDB ACL once all its rules are in, before the last checks)
        super().finish(ctx)

    def workload_grants(self, facts: Any, mounts: list[Any], sink: Sink) -> dict[str, str]:
        """Estate runs: the pull Secret of each private namespace the workloads' images
        moved to (buckets are reached with keys in Secrets: nothing to grant)."""
        from .registry_pull import pull_secrets
        return pull_secrets(facts)
