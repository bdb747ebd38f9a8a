"""Azure names that must be unique, checked when their module is instantiated more than once."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import instance_names
from ..tfbase.context import Ctx
from . import common as C

# Block type -> where Azure wants its `name` unique. Source: the Scope column of
# learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
# (storageAccounts, registries, flexibleServers, Redis, Event Hubs namespaces: global, as
# DNS names; managedClusters, virtualNetworks, userAssignedIdentities: resource group);
# mongoClusters are DNS names too (<name>.mongocluster.cosmos.azure.com), as aks/naming.json
# notes. Names under a parent (subnets, node pools, containers) are unique per parent, which
# each instance has of its own: not here.
_GLOBAL = "names are globally unique in Azure (a DNS name)"
_GROUP = "names are unique in their resource group"
RULES: dict[str, str] = {
    "azurerm_storage_account": f"storage account {_GLOBAL}",
    "azurerm_container_registry": f"container registry {_GLOBAL}",
    "azurerm_postgresql_flexible_server": f"PostgreSQL flexible server {_GLOBAL}",
    "azurerm_mysql_flexible_server": f"MySQL flexible server {_GLOBAL}",
    "azurerm_redis_cache": f"Redis cache {_GLOBAL}",
    "azurerm_eventhub_namespace": f"Event Hubs namespace {_GLOBAL}",
    "azurerm_mongo_cluster": f"MongoDB cluster {_GLOBAL}",
    "azurerm_kubernetes_cluster": f"AKS cluster {_GROUP}",
    "azurerm_virtual_network": f"virtual network {_GROUP}",
    "azurerm_user_assigned_identity": f"managed identity {_GROUP}",
    # (publicIPAddresses and natGateways: resource group scope, as the page lists them)
    "azurerm_public_ip": f"public IP address {_GROUP}",
    "azurerm_nat_gateway": f"NAT gateway {_GROUP}",
}
# The group every translated resource of a module is in: the root's, passed to each call
# by providers._pass_groups, so every instance of a child module shares it.
_SHARED = f"azurerm_resource_group.{C.RG}.name"


def warn(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """IT308 when `b` (made for `node`) has a fixed name its module's instances all share:
    a global name always, a per-group name when the group is the translation's shared one
    or a fixed name (another group expression may differ per instance: nothing said)."""
    if b.type != "resource" or node.mode == "data" or not b.labels or \
            b.labels[0] not in RULES:
        return
    rule = RULES[b.labels[0]]
    group = b.get("resource_group_name") if rule.endswith(_GROUP) else None
    if group is not None and short_hcl(group) in (
            _SHARED, f"var.{C.group_variables(ctx, node.module)[0]}"):
        group = None
    instance_names.warn_repeated(ctx, node, b.labels[0], b.get("name"), rule, group)
