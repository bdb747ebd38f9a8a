"""An AKS cluster in a subnet of its own: NAT gateway outbound, its identity and subnet role."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from . import common as C
from . import kube_subnet
from .gateway import nat_association
from .kube_data import note, table

IDENTITY = "azurerm_user_assigned_identity"
ROLE = "azurerm_role_assignment"


def association(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> str | None:
    """The NAT gateway association of the nodes' subnet (aks/gateway), if any: the one
    nodes_subnet_id names, else the network's only subnet (aks/kube_subnet)."""
    if spec.nodes_subnet is not None:
        sub = ctx.resolve(spec.nodes_subnet, node.module)
    else:
        found = kube_subnet.network_subnet(ctx, node, spec)
        # (a child module's association is not an address this module can depend on)
        sub = found[0] if found is not None and found[0].module == node.module else None
    return nat_association(ctx, sub) if sub is not None and sub.KIND == "Subnet" else None


def identity(node: N.Resource, b: TfBlock) -> None:
    idb = b.block("identity", comment=table()["nat"]["identity_why"])
    idb.set("type", E.Literal("UserAssigned"))
    idb.set("identity_ids", E.Tuple((same(node, IDENTITY, "id"),)))


def _name(node: N.Resource, suffix: str) -> E.Expr:
    return C.instance_name(node, f"{node.name}-{suffix}")


def apply(ctx: Ctx, node: N.Resource, b: TfBlock, nat: str) -> None:
    """userAssignedNATGateway needs the association at create time and an identity that may
    join the subnet before the cluster exists: a user-assigned identity with Network
    Contributor on the nodes' subnet (a system-assigned one exists only after)."""
    cfg = table()["nat"]
    pool = b.find("default_node_pool")
    subnet = pool.get("vnet_subnet_id") if pool is not None else None
    rg, loc = b.get("resource_group_name"), b.get("location")
    ident = TfBlock("resource", (IDENTITY, node.name))
    ident.set("name", _name(node, cfg["identity_suffix"]))
    ident.set("location", loc)
    ident.set("resource_group_name", rg)
    ident.note(f"scaffolding: the identity of {node.address}, granted the subnet before the "
               "cluster is created")
    P.emit_meta(ctx, ident, meta_only(node), {})
    ctx.emit(node.span, ident)
    role = TfBlock("resource", (ROLE, f"{node.name}_network"))
    role.set("scope", subnet)
    role.set("role_definition_name", E.Literal(cfg["role"]))
    role.set("principal_id", same(node, IDENTITY, "principal_id"))
    role.note(f"scaffolding: {cfg['role_why']}")
    P.emit_meta(ctx, role, meta_only(node), {})
    ctx.emit(node.span, role)
    b.depend(E.ref(nat), E.ref(f"{ROLE}.{node.name}_network"))
    note(ctx, "cluster.nat_gateway", node.span, address=node.address, association=nat,
         label=node.name)


def grant_system_identity(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """A cluster in a subnet of its own VNet with the system-assigned identity: that identity
    gets Network Contributor on the subnet once the cluster exists (internal load balancers
    and the nodes' NICs join it), as `az aks create --vnet-subnet-id` does."""
    pool = b.find("default_node_pool")
    subnet = pool.get("vnet_subnet_id") if pool is not None else None
    if subnet is None:
        return
    cfg = table()["nat"]
    role = TfBlock("resource", (ROLE, f"{node.name}_network"))
    role.set("scope", subnet)
    role.set("role_definition_name", E.Literal(cfg["role"]))
    role.set("principal_id", same(node, b.labels[0], "identity[0].principal_id"))
    role.note(f"scaffolding: {cfg['system_role_why']}")
    P.emit_meta(ctx, role, meta_only(node), {})
    ctx.emit(node.span, role)
    note(ctx, "cluster.subnet_role", node.span, address=node.address, label=node.name)
