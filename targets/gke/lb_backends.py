"""GKE load balancer backends: the VMs of an OVH pool as unmanaged instance groups per zone."""

from __future__ import annotations

from dataclasses import dataclass

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import readings
from ..tfbase.context import Ctx, output_name
from . import common as C
from .instance_names import warn_repeated

VM, GROUP = "google_compute_instance", "google_compute_instance_group"
MEMBER = "openstack_lb_member_v2"


@dataclass(frozen=True, slots=True)
class Vms:
    """Instances of one translated VM resource a member names: `which` is "" (the only
    instance), "*" (every instance: a member repeated as its VMs are), or an index key."""

    name: str
    which: str
    zone: E.Expr
    tags: E.Expr | None
    key: E.Expr | None = None  # the index of `[<key>]`
    network: E.Expr | None = None  # the VPC of its network interface

    def self_links(self) -> E.Expr:
        """One self_link, or the list of every instance's (a splat)."""
        inst: list[E.Step] = [("splat", True)] if self.which == "*" else \
            [("index", self.key)] if self.key is not None else []
        return E.build_traversal(VM, [("attr", self.name), *inst, ("attr", "self_link")])


def _block(ctx: Ctx, inst: N.Resource) -> TfBlock | None:
    """The google_compute_instance the VM became (VMs are lowered before load balancers, so
    each output file's are indexed once)."""
    path = output_name(inst.span.file)

    def build() -> dict[str, TfBlock]:
        return {b.labels[1]: b for b in ctx.files.get(path, [])
                if b.type == "resource" and len(b.labels) == 2 and b.labels[0] == VM}
    return readings.index(ctx, f"gke.lb_vms {path}", build).get(inst.name)


def member_node(ctx: Ctx, lb: N.Resource, address: E.Expr) -> N.Resource | None:
    """The openstack_lb_member_v2 an Octavia member's address was read from (its count or
    for_each says how many members there are)."""
    def build() -> dict[int, N.Resource]:
        return {id(a): n for m in ctx.model.modules for n in m.nodes
                if isinstance(n, N.Resource) and n.type == MEMBER and
                (a := n.get("address")) is not None}
    return readings.index(ctx, "gke.lb_members", build).get(id(address)) \
        if lb.type == LB.OCTAVIA else None


def _same_repeat(a: E.Expr | None, b: E.Expr | None) -> bool:
    return a is not None and b is not None and to_hcl(a) == to_hcl(b)


def vms(ctx: Ctx, lb: N.Resource, m: LB.Member) -> Vms | None:
    """The translated VMs a member's address reads (`<instance>.access_ip_v4`,
    `<instance>[count.index]...` in a member counted as its instances are), None when the
    address is a literal, another resource, or instances the member cannot be proved to
    cover one for one."""
    src = m.address.source
    inst = ctx.resolve(src, lb.module) if src is not None else None
    if src is None or inst is None or inst.KIND != "Instance" or inst.mode != "managed":
        return None
    block = _block(ctx, inst)
    t = E.traversal(src)
    if block is None or t is None or block.get("zone") is None:
        return None
    steps = t[1][1:]
    zone = block.get("zone")
    assert zone is not None
    if any((tv := E.traversal(x)) is not None and tv[0] in ("count", "each")
           for x in E.walk(zone)):
        return None  # instances spread over zones: one group per zone is not provable
    member = member_node(ctx, lb, src)
    repeated = inst.meta.count is not None or inst.meta.for_each is not None
    which, index = None, None
    if not steps or steps[0][0] == "attr":
        which = "" if not repeated else None
    elif steps[0][0] == "splat":
        which = "*" if inst.meta.count is not None else None
    elif steps[0][0] == "index" and isinstance(steps[0][1], E.Expr):
        key = steps[0][1]
        text = to_hcl(key)
        if isinstance(key, E.Literal) and repeated:
            which, index = f"[{text}]", key
        elif text == "count.index" and member is not None and \
                _same_repeat(member.meta.count, inst.meta.count):
            which = "*"
    if which is None:
        return None
    return Vms(inst.name, which, zone, block.get("tags"), index, _network(block))


def _network(block: TfBlock) -> E.Expr | None:
    """The VPC of a VM's interface: its `network`, or its subnetwork's."""
    nic = block.find("network_interface")
    if nic is None:
        return None
    if nic.get("network") is not None:
        return nic.get("network")
    t = E.traversal(nic.get("subnetwork") or E.Literal(None))
    if t is None or t[1][-1:] != [("attr", "id")]:
        return None
    return E.build_traversal(t[0], [*t[1][:-1], ("attr", "network")])


def network_of(found: list[Vms]) -> E.Expr | None:
    """The one VPC every backend VM is in (None when they differ or one is unknown)."""
    nets = {to_hcl(v.network): v.network for v in found if v.network is not None}
    return next(iter(nets.values())) if len(nets) == 1 and \
        all(v.network is not None for v in found) else None


def groups(ctx: Ctx, lb: N.Resource, found: list[Vms]) -> list[E.Expr] | None:
    """One unmanaged instance group per zone of `found`, made once per module (a VM may be
    in one load-balanced group only: two pools over the same VMs share it); the groups'
    self_links, None when `found` overlaps another group without being it."""
    made: dict[tuple[str, ...], str] = readings.index(ctx, f"gke.lb_groups {lb.module}", dict)
    by_zone: dict[str, list[Vms]] = {}
    for v in found:
        by_zone.setdefault(to_hcl(v.zone), []).append(v)
    out = []
    for zone in sorted(by_zone):
        members = by_zone[zone]
        key = tuple(sorted({f"{v.name}{v.which}" for v in members}))
        label = made.get(key)
        if label is None:
            names = {_base(k) for k in key}
            if any(names & {_base(k) for k in other} for other in made):
                return None
            label = "_".join(k.replace("[*]", "").replace("*", "").replace("[", "_")
                             .replace("]", "").replace('"', "") for k in key)
            made[key] = label
            _emit_group(ctx, lb, label, members)
        out.append(E.ref(f"{GROUP}.{label}.self_link"))
    return out


def _base(key: str) -> str:
    """The VM resource of a group entry (`web`, `web*`, `web[0]`)."""
    return key.split("[")[0].rstrip("*")


def _emit_group(ctx: Ctx, lb: N.Resource, label: str, members: list[Vms]) -> None:
    b = TfBlock("resource", (GROUP, label))
    b.set("name", E.Literal(C.gcp_name(f"{label}-lb-backends".replace("_", "-"))))
    # (named after the VMs' label, so it collides even when the balancer's name does not)
    b.set("zone", members[0].zone)
    warn_repeated(ctx, lb, GROUP, b.get("name"), "per project and zone", b.get("zone"))
    members = sorted(members, key=lambda v: (v.name, v.which))
    links = [v.self_links() for v in members]
    b.set("instances", links[0] if len(links) == 1 and members[0].which == "*" else
          E.Tuple(tuple(links)) if all(v.which != "*" for v in members) else
          E.Call("concat", tuple(x if v.which == "*" else E.Tuple((x,))
                                 for x, v in zip(links, members))))
    b.note("the load-balanced VMs of one zone: GCP passthrough load balancers reach VMs "
           "through instance groups, not addresses")
    ctx.emit(lb.span, b)


def target_tags(found: list[Vms]) -> E.Expr | None:
    """The network tags every backend VM carries (literal lists only), for the firewall."""
    sets = []
    for v in found:
        if not isinstance(v.tags, E.Tuple) or not v.tags.items:
            return None
        names = [E.str_value(t) for t in v.tags.items]
        if any(n is None for n in names):
            return None
        sets.append({n for n in names if n is not None})
    common = set.intersection(*sets) if sets else set()
    return C.strings(sorted(common)) if common else None
