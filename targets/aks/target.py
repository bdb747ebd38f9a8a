"""The AKS target: each concept family's lowerings, merged, plus target-wide scaffolding."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink

from ..tfbase import omitted
from ..tfbase.family_target import FamilyTarget
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


class AksTarget(FamilyTarget):
    NAME = "aks"
    # (octavia lowers OpenStackOther: Octavia load balancers, and IT305 for the rest; a
    # module that also lowers it must come before it, as a later family's entry wins.)
    FAMILIES = (omitted, network, loadbalancer, cluster, nodepool, registry, storage, database,
                compute, octavia)
    PROVIDERS = providers
    LOOKUP_NAME = "AKS"
    OTHER_WORDS = {"cloud": "Azure", "account": "a subscription",
                   "quotas": "with azurerm quota requests (Azure portal > Quotas)",
                   "presign": "az storage blob generate-sas"}
    # Azure Blob Storage has no S3 API: hard-coded OVH S3 endpoints stay (and are reported)
    # until the storage family decides what replaces them.
    S3_ENDPOINT = None
    WORDS = {"cloud": "Azure", "project": "data.azurerm_client_config.current.subscription_id",
             "region": "an Azure region (e.g. francecentral)",
             "zone": "an Azure availability zone (1, 2 or 3)",
             "flavor": "an Azure VM size (e.g. Standard_D4s_v5)",
             "db_flavor": "an Azure Database SKU (e.g. GP_Standard_D2ds_v5)",
             "db_version": "an Azure engine version (e.g. 16)"}

    def workload_grants(self, facts: Any, mounts: list[Any], sink: Sink) -> dict[str, str]:
        """Estate runs: managed identities federated to the workloads' accounts, granted the
        containers they mount."""
        from .workload_iam import grants
        return grants(facts, mounts, sink)
