"""AKS load balancer backends opened to their listeners by an NSG on their interfaces."""

# A Standard load balancer reaches a VM only through an NSG that allows the port: a NIC
# with no NSG admits nothing from it.  It has no allow-list either: a listener's
# `allowed_cidrs` become the source prefixes of that NSG rule (the clients' addresses reach
# the VM unchanged; the probes pass by the default AllowAzureLoadBalancerInBound rule).

from __future__ import annotations

from typing import NamedTuple

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
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


class Opening(NamedTuple):
    """What one listener needs opened on its members: the members' port (None when it is
    not a literal), the rule's protocol, the clients' prefixes (None: from anywhere)."""
    port: str | None
    proto: str
    sources: E.Expr | None
    listener: LB.Listener


class _Nsg(NamedTuple):
    """A backends NSG already made by a load balancer: its label and resource group."""
    label: str
    group: E.Expr


def _vm(ctx: Ctx, node: N.Resource, m: LB.Member) -> tuple[N.Resource, bool] | None:
    """The instance member `m` addresses, when it became an Azure VM, and whether its NIC
    has no NSG of its own."""
    inst = ctx.resolve(m.address.source, node.module)
    if inst is None or inst.type not in _GROUPS:
        return None
    target = ctx.refmap.get(ctx.key_of(inst))
    if target is None or target.self_ref != f"{VM}.{inst.name}":
        return None
    arg = _GROUPS[inst.type]
    return inst, arg is None or inst.get(arg) is None


def _one_per_kind(ctx: Ctx, node: N.Resource, vms: list[N.Resource], public: bool) -> None:
    """Azure puts a VM's NIC IP configuration in the backend pools of at most one public
    and one internal load balancer: a second of the same kind is refused at apply."""
    # (VM address, public) -> the first load balancer it joined
    joined: dict[tuple[str, bool], str] = readings.index(ctx, "aks.lb_member_kinds", dict)
    kind = "public" if public else "internal"
    for vm in {v.address: v for v in vms}.values():
        first = joined.setdefault((vm.address, public), node.address)
        if first != node.address:
            ctx.sink.add("IT308", node.span, f"{vm.address} is a member of two {kind} load "
                         f"balancers ({first} and {node.address}): an Azure VM's NIC IP "
                         f"configuration joins the backend pools of at most one public and "
                         f"one internal load balancer, so applying the second fails",
                         "serve both listener sets from one load balancer (a frontend per "
                         "address), or give the VM a second IP configuration")


def open_backends(ctx: Ctx, node: N.Resource, listeners: list[tuple[LB.Listener, str]],
                  openings: list[Opening], group: E.Expr, where: E.Expr,
                  public: bool) -> bool:
    """NSG rules allowing the listeners' member ports from their clients (OVH's listeners
    accept all unless `allowed_cidrs`; the Standard load balancer keeps the client's
    address): on a new NSG associated with the NICs of member VMs without one, and on the
    backends NSG an earlier load balancer gave the others (a NIC takes one NSG).  Only when
    every member is a VM without an NSG of its own; else IT308 (a public frontend's caller
    reports it: False, not opened)."""
    members = [m for lst, _ in listeners for m in (lst.pool.members if lst.pool else ())]
    if not members or not openings:
        return False
    found = [_vm(ctx, node, m) for m in members]
    _one_per_kind(ctx, node, [f[0] for f in found if f is not None], public)
    taken: dict[str, _Nsg] = readings.index(ctx, "aks.lb_backend_nics", dict)  # VM -> NSG
    repeated = node.meta.count is not None or node.meta.for_each is not None
    if any(f is None or not f[1] for f in found) or repeated or \
            any(o.port is None for o in openings):
        if not public:
            ports = ", ".join(o.port or "computed" for o in openings)
            ctx.sink.add("IT308", node.span, f"the backends of {node.address} are closed to "
                         f"its listeners ({ports}) unless a network security group on their "
                         "NICs or subnet allows the members' port: a Standard load balancer "
                         "admits nothing an NSG does not (OVH's accepts all)",
                         f"add an {NSG} with an inbound Allow rule and associate it")
        return False
    vms = list({f[0].address: f[0] for f in found if f is not None}.values())
    rules = _rules(ctx, node, openings)
    label = f"{node.name}_backends"
    fresh = [vm for vm in vms if vm.address not in taken]
    new = {vm.address for vm in fresh}
    opened = [f"{NSG}.{label}"] if fresh else []
    if fresh:
        nsg = TfBlock("resource", (NSG, label))
        nsg.note(f"the members of {node.address}: a Standard load balancer reaches them "
                 "only through an NSG that allows the port")
        nsg.set("name", C.instance_name(node, f"{node.name}-backends", 80))
        nsg.set("location", where)
        nsg.set("resource_group_name", group)
        ctx.emit(node.span, nsg)
        _emit_rules(ctx, node, _Nsg(label, group), rules, label, "", None)
    for vm in fresh:
        taken[vm.address] = _Nsg(label, group)
        a = TfBlock("resource", (ASSOC, f"{vm.name}_{label}"))
        P.emit_meta(ctx, a, meta_only(vm), {})
        a.set("network_interface_id", same(vm, NIC, "id"))
        a.set("network_security_group_id", E.ref(f"{NSG}.{label}.id"))
        ctx.emit(node.span, a)
    for other in dict.fromkeys(taken[vm.address] for vm in vms if vm.address not in new):
        inside = [vm for vm in vms if vm.address not in new and taken[vm.address] == other]
        opened.append(f"{NSG}.{other.label}")
        _emit_rules(ctx, node, other, rules, f"{other.label}_{node.name}", f"-{node.name}",
                    _addresses(ctx, node, members, inside))
    said = ", ".join(f"{port} from {'anywhere' if src is None else to_hcl(src)}"
                     for (port, _), src in rules.items())
    ctx.sink.add("IT301", node.span, f"the members of {node.address} "
                 f"({', '.join(vm.address for vm in vms)}) get rules in "
                 f"{' and '.join(opened)} allowing {said}: a Standard load balancer admits "
                 "nothing an NSG does not (OVH's accepts all)")
    return True


def _rules(ctx: Ctx, node: N.Resource,
           openings: list[Opening]) -> dict[tuple[str, str], E.Expr | None]:
    """Per (port, protocol) the clients to allow: an NSG sees the members' port only, so
    listeners forwarding to one port share a rule, the union of their clients."""
    grouped: dict[tuple[str, str], list[Opening]] = {}
    for o in openings:
        assert o.port is not None
        grouped.setdefault((o.port, o.proto), []).append(o)
    out: dict[tuple[str, str], E.Expr | None] = {}
    for key, same_port in grouped.items():
        sources = [o.sources for o in same_port]
        if any(s is None for s in sources):
            out[key] = None
            for o in same_port:
                if o.sources is not None:
                    ctx.sink.add("IT302", o.listener.source.span or node.span, f"`allowed_"
                                 f"cidrs` of {node.address}'s listener {o.listener.port.text} "
                                 f"is not kept: another listener forwards to member port "
                                 f"{key[0]} from anywhere, and an NSG rule sees that port "
                                 "only", "forward the restricted listener to its own port")
            continue
        distinct = list({to_hcl(s): s for s in sources if s is not None}.values())
        if all(isinstance(s, E.Tuple) for s in distinct):
            items = {to_hcl(i): i for s in distinct if isinstance(s, E.Tuple)
                     for i in s.items}
            out[key] = E.Tuple(tuple(items.values()))
        else:
            out[key] = distinct[0] if len(distinct) == 1 else \
                E.Call("concat", tuple(distinct))
    return out


def _addresses(ctx: Ctx, node: N.Resource, members: list[LB.Member],
               vms: list[N.Resource]) -> E.Expr | None:
    """The private addresses of `vms` among the members, so that rules added to another
    load balancer's NSG open nothing on its other NICs; None when one is repeated."""
    names = {vm.address for vm in vms}
    out: dict[str, E.Expr] = {}
    for m in members:
        inst = ctx.resolve(m.address.source, node.module)
        if inst is None or inst.address not in names or m.address.source is None:
            continue
        if inst.meta.count is not None or inst.meta.for_each is not None:
            return None
        ip = E.ref(f"{VM}.{inst.name}.private_ip_address")
        out[to_hcl(ip)] = ip
    return E.Tuple(tuple(out.values())) if out else None


def _emit_rules(ctx: Ctx, node: N.Resource, nsg: _Nsg,
                rules: dict[tuple[str, str], E.Expr | None], label: str, suffix: str,
                to: E.Expr | None) -> None:
    """The inbound Allow rules of `rules` in `nsg`, after the rules it already has."""
    # NSG label -> its next free priority
    taken: dict[str, int] = readings.index(ctx, "aks.lb_backend_priorities", dict)
    if suffix and to is None:
        ctx.sink.add("IT301", node.span, f"the rules {node.address} adds to {NSG}.{nsg.label} "
                     "open its ports on every NIC of that NSG: its members are repeated",
                     "set destination_address_prefixes to the members' addresses")
    for port, proto in rules:
        priority = taken.get(nsg.label, _FIRST_PRIORITY)
        taken[nsg.label] = priority + 1
        r = TfBlock("resource", (RULE, f"{label}_{port}_{proto.lower()}"))
        r.set("name", E.Literal(C.az_name(f"allow-{port}-{proto.lower()}{suffix}", 80)))
        r.set("resource_group_name", nsg.group)
        r.set("network_security_group_name", E.ref(f"{NSG}.{nsg.label}.name"))
        r.set("priority", E.Literal(priority, str(priority)))
        r.set("direction", E.Literal("Inbound"))
        r.set("access", E.Literal("Allow"))
        r.set("protocol", E.Literal(proto))
        r.set("source_port_range", E.Literal("*"))
        r.set("destination_port_range", E.Literal(port))
        sources = rules[(port, proto)]
        if sources is None:
            r.set("source_address_prefix", E.Literal("*"))
        else:
            r.set("source_address_prefixes", sources)
        if to is None:
            r.set("destination_address_prefix", E.Literal("*"))
        else:
            r.set("destination_address_prefixes", to)
        ctx.emit(node.span, r)
