"""AKS load balancer backends opened to their listeners by an NSG on their interfaces."""

# A Standard load balancer reaches a VM only through an NSG that allows the port: a NIC
# with no NSG admits nothing from it.

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import passthrough as P
from ..tfbase import readings
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from . import common as C

NSG, RULE, ASSOC = ("azurerm_network_security_group", "azurerm_network_security_rule",
                    "azurerm_network_interface_security_group_association")
VM, NIC = "azurerm_linux_virtual_machine", "azurerm_network_interface"
# Source instances whose VM gets no NSG when they name no security group (None: the type
# has no such argument).
_GROUPS: dict[str, str | None] = {"openstack_compute_instance_v2": "security_groups",
                                  "ovh_cloud_project_instance": None}
_FIRST_PRIORITY = 100  # (Azure: 100-4096, lower first)

# (the members' port, None when it is not a literal; the rule's protocol) of one listener
Opening = tuple[str | None, str]


def _bare_vm(ctx: Ctx, node: N.Resource, m: LB.Member) -> N.Resource | None:
    """The instance member `m` addresses, when it became an Azure VM whose NIC has no NSG."""
    inst = ctx.resolve(m.address.source, node.module)
    if inst is None or inst.type not in _GROUPS:
        return None
    arg = _GROUPS[inst.type]
    target = ctx.refmap.get(ctx.key_of(inst))
    if (arg is not None and inst.get(arg) is not None) or target is None or \
            target.self_ref != f"{VM}.{inst.name}":
        return None
    return inst


def open_backends(ctx: Ctx, node: N.Resource, listeners: list[tuple[LB.Listener, str]],
                  openings: list[Opening], group: E.Expr, where: E.Expr,
                  public: bool) -> bool:
    """One NSG per load balancer allowing its listeners' member ports from anywhere (OVH's
    listeners accept all; the Standard load balancer keeps the client's address), on the NICs
    of its member VMs, when every member is a VM without an NSG of its own; else IT308
    (a public frontend's caller reports it: False, not opened)."""
    members = [m for lst, _ in listeners for m in (lst.pool.members if lst.pool else ())]
    if not members or not openings:
        return False
    vms = [_bare_vm(ctx, node, m) for m in members]
    taken = readings.index(ctx, "aks.lb_backend_nics", dict)  # VM address -> its NSG's LB
    repeated = node.meta.count is not None or node.meta.for_each is not None
    restricted = any(lst.allowed_cidrs is not None and not LF.open_to_all(lst.allowed_cidrs)
                     for lst, _ in listeners)
    if any(v is None or v.address in taken for v in vms) or repeated or restricted or \
            any(p is None for p, _ in openings):
        if not public:
            ports = ", ".join(p or "computed" for p, _ in openings)
            ctx.sink.add("IT308", node.span, f"the backends of {node.address} are closed to "
                         f"its listeners ({ports}) unless a network security group on their "
                         "NICs or subnet allows the members' port: a Standard load balancer "
                         "admits nothing an NSG does not (OVH's accepts all)",
                         f"add an {NSG} with an inbound Allow rule and associate it")
        return False
    label = f"{node.name}_backends"
    nsg = TfBlock("resource", (NSG, label))
    nsg.note(f"the members of {node.address}: a Standard load balancer reaches them only "
             "through an NSG that allows the port")
    nsg.set("name", C.instance_name(node, f"{node.name}-backends", 80))
    nsg.set("location", where)
    nsg.set("resource_group_name", group)
    ctx.emit(node.span, nsg)
    # (two listeners forwarding to one port need one rule)
    for i, (port, proto) in enumerate(dict.fromkeys(openings)):
        r = TfBlock("resource", (RULE, f"{label}_{port}_{proto.lower()}"))
        r.set("name", E.Literal(f"allow-{port}-{proto.lower()}"))
        r.set("resource_group_name", group)
        r.set("network_security_group_name", E.ref(f"{NSG}.{label}.name"))
        r.set("priority", E.Literal(_FIRST_PRIORITY + i, str(_FIRST_PRIORITY + i)))
        r.set("direction", E.Literal("Inbound"))
        r.set("access", E.Literal("Allow"))
        r.set("protocol", E.Literal(proto))
        r.set("source_port_range", E.Literal("*"))
        r.set("destination_port_range", E.Literal(port))
        r.set("source_address_prefix", E.Literal("*"))
        r.set("destination_address_prefix", E.Literal("*"))
        ctx.emit(node.span, r)
    seen: set[str] = set()
    for vm in vms:
        assert vm is not None
        if vm.address in seen:
            continue
        seen.add(vm.address)
        taken[vm.address] = node.address
        a = TfBlock("resource", (ASSOC, f"{vm.name}_{label}"))
        P.emit_meta(ctx, a, meta_only(vm), {})
        a.set("network_interface_id", same(vm, NIC, "id"))
        a.set("network_security_group_id", E.ref(f"{NSG}.{label}.id"))
        ctx.emit(node.span, a)
    ports = ", ".join(str(p) for p, _ in dict.fromkeys(openings))
    ctx.sink.add("IT301", node.span, f"the members of {node.address} "
                 f"({', '.join(sorted(seen))}) get {NSG}.{label}, allowing {ports} from "
                 "anywhere: a Standard load balancer admits nothing an NSG does not (OVH's "
                 "accepts all)")
    return True
