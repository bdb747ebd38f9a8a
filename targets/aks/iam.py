"""AKS storage/registry shared pieces: the storage.json table, the resource group, identities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.shipped import shipped
from . import common as C
from . import unique_names

IDENTITY = "azurerm_user_assigned_identity"
ROLE = "azurerm_role_assignment"
_TABLE = "aks/storage.json"


def table() -> Mapping[str, Any]:
    """aks/storage.json, the schema-checked shipped table."""
    return shipped(_TABLE)


def place_in_group(ctx: Ctx, node: N.Resource, b: TfBlock, location: E.Expr | None,
                   located: bool = True) -> None:
    """resource_group_name and location of `b` (the platform family's resource group);
    `located` False for data sources, which find a resource by name in its group."""
    name, where = C.resource_group(ctx, node.module, location)
    b.set("resource_group_name", name)
    if located:
        b.set("location", where)


def identity(ctx: Ctx, node: N.Resource, name: E.Expr, location: E.Expr | None) -> TfBlock:
    """The user-assigned managed identity standing for `node` (its references point here):
    pods use it through workload identity, other apps through a federated credential."""
    b = TfBlock("resource", (IDENTITY, node.name))
    b.set("name", name)
    place_in_group(ctx, node, b, location)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    return P.place(ctx, node, b)


def role(ctx: Ctx, node: N.Resource, label: str, scope: E.Expr, role_name: str,
         principal: E.Expr, comment: str = "") -> TfBlock:
    """An Azure RBAC role assignment of `role_name` on `scope`, repeated like `node`."""
    b = TfBlock("resource", (ROLE, label), comments=[comment] if comment else [])
    b.set("scope", scope)
    b.set("role_definition_name", E.Literal(role_name))
    b.set("principal_id", principal)
    P.emit_meta(ctx, b, node, {})
    return ctx.emit(node.span, b)
