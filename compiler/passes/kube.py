"""OVH Managed Kubernetes (clusters, pools, OIDC, API allow-lists) read once into neutral specs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .geo import Location, read_location
from .machine import MachineSpec, machine_of, read_machine
from .reader import Reader, Value, boolean, once, value

_T = TypeVar("_T", bound=Enum)


class UpdatePolicy(Enum):
    """How the provider may upgrade the cluster: OVH `update_policy`."""

    ALWAYS = "ALWAYS_UPDATE"  # patch and minor upgrades as soon as they are out
    MINIMAL_DOWNTIME = "MINIMAL_DOWNTIME"  # the same, with surge node replacement
    NEVER = "NEVER_UPDATE"  # only forced security upgrades


class ProxyMode(Enum):
    IPTABLES = "iptables"
    IPVS = "ipvs"


class SizingMode(Enum):
    FIXED = "fixed"
    AUTOSCALED = "autoscaled"
    COMPUTED = "computed"  # `autoscale` is an expression: both behaviours behind its value


class TaintEffect(Enum):
    NO_SCHEDULE = "NoSchedule"
    PREFER_NO_SCHEDULE = "PreferNoSchedule"
    NO_EXECUTE = "NoExecute"


class Written(Enum):
    """How a map or list argument is written: what a target can unroll and what it must keep
    as an expression."""

    ABSENT = "absent"
    LITERAL = "literal"  # written out (its items may still hold references)
    COMPUTED = "computed"  # an expression (variable, for expression, lookup...)
    DYNAMIC = "dynamic"  # below a `dynamic "template"` block: read it with its for_each chain


@dataclass(frozen=True, slots=True)
class Update:
    source: E.Expr | None
    policy: UpdatePolicy | None = None  # None when absent (OVH default ALWAYS) or computed

    @property
    def computed(self) -> bool:
        return self.source is not None and self.policy is None


@dataclass(frozen=True, slots=True)
class KubeProxy:
    source: E.Expr | None  # kube_proxy_mode
    mode: ProxyMode | None = None
    tuning: E.Expr | None = None  # customization_kube_proxy: OVH sync periods, IPVS timeouts


@dataclass(frozen=True, slots=True)
class PrivateRouting:
    """private_network_configuration: nodes egress through the private network's gateway."""

    source: E.Expr | None
    as_default: bool | None = None  # private_network_routing_as_default
    as_default_source: E.Expr | None = None
    gateway: E.Expr | None = None  # default_vrack_gateway (an IP; "" means the subnet's)


@dataclass(frozen=True, slots=True)
class Admission:
    """API server admission plugins turned on or off (customization_apiserver, or the
    deprecated customization.apiserver)."""

    source: E.Expr | None
    enabled: E.Expr | None = None
    disabled: E.Expr | None = None
    written_as: str = "customization_apiserver"  # or the deprecated "customization"


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    name: Value
    location: Location
    version: Value
    plan: Value
    control_plane_ha: bool | None  # standard plan: multi-zone control plane; None: unknown
    update: Update
    kube_proxy: KubeProxy
    cilium: E.Expr | None
    network: E.Expr | None  # private_network_id (an OVH network reference)
    nodes_subnet: E.Expr | None
    lb_subnet: E.Expr | None
    routing: PrivateRouting
    admission: Admission
    pods_cidr: Value
    services_cidr: Value
    lookup_id: E.Expr | None = None  # data source: the OVH cluster id it looks up


@dataclass(frozen=True, slots=True)
class ScaleDown:
    """Per-pool Cluster Autoscaler tuning."""

    unneeded_seconds: E.Expr | None = None
    unready_seconds: E.Expr | None = None
    utilization: E.Expr | None = None  # ratio 0..1

    @property
    def set(self) -> bool:
        return any(x is not None for x in (self.unneeded_seconds, self.unready_seconds,
                                           self.utilization))


@dataclass(frozen=True, slots=True)
class Sizing:
    """Node counts, all pool totals (OVH counts are per pool, not per zone)."""

    mode: SizingMode
    switch: E.Expr | None  # the `autoscale` expression
    desired: E.Expr | None
    min: E.Expr | None
    max: E.Expr | None
    scale_down: ScaleDown


@dataclass(frozen=True, slots=True)
class Taint:
    key: E.Expr
    value: E.Expr | None
    effect: TaintEffect | None  # None when computed
    effect_source: E.Expr | None


@dataclass(frozen=True, slots=True)
class Taints:
    written: Written
    source: E.Expr | None
    items: tuple[Taint, ...] = ()  # LITERAL only


@dataclass(frozen=True, slots=True)
class Labels:
    written: Written
    source: E.Expr | None


@dataclass(frozen=True, slots=True)
class NodePoolSpec:
    name: Value
    cluster: E.Expr | None  # kube_id
    machine: MachineSpec
    candidates: tuple[MachineSpec, ...]  # flavors of `each.value.x` over a literal for_each
    sizing: Sizing
    zones: E.Expr | None  # availability_zones
    labels: Labels
    taints: Taints
    dynamic_template: bool
    annotations: E.Expr | None
    finalizers: E.Expr | None
    unschedulable: E.Expr | None  # literal true/false or an expression
    floating_ips: bool | None  # attach_floating_ips.enabled
    floating_ips_source: E.Expr | None
    anti_affinity: E.Expr | None  # spread the nodes over hypervisors (OVH max 5 nodes)
    monthly_billed: E.Expr | None  # ovh_only


@dataclass(frozen=True, slots=True)
class AllowList:
    cluster: E.Expr | None
    source: E.Expr | None
    cidrs: tuple[E.Expr, ...] | None  # None when the list is computed


@dataclass(frozen=True, slots=True)
class OidcSpec:
    cluster: E.Expr | None
    issuer_url: E.Expr | None
    client_id: E.Expr | None
    username_claim: E.Expr | None
    username_prefix: E.Expr | None
    groups_claim: E.Expr | None  # a list
    groups_prefix: E.Expr | None
    required_claims: E.Expr | None  # a list of "claim=value"
    signing_algs: E.Expr | None  # a list
    ca_content: E.Expr | None  # base64 PEM


@dataclass(frozen=True, slots=True)
class LogSubscriptionSpec:
    cluster: E.Expr | None
    kind: E.Expr | None  # "audit"
    stream_id: E.Expr | None  # an OVH Logs Data Platform stream


def _enum(cls: type[_T], text: str | None) -> _T | None:
    for member in cls:
        if text is not None and member.value.lower() == text.strip().lower():
            return member
    return None


def read_cluster(r: Reader, node: N.Resource) -> ClusterSpec:
    """Read once per cluster: each of its node pools reads it too."""
    return once(r, "cluster", node, lambda: _read_cluster(r, node))


def _read_cluster(r: Reader, node: N.Resource) -> ClusterSpec:
    plan = value(r, node, node.get("plan"))
    # No plan is OVH's free plan; a computed or unknown one says nothing.
    ha = {None: False, "free": False, "standard": True}.get(
        plan.text.lower() if plan.text is not None else None) \
        if plan.known or plan.absent else None
    policy = node.get("update_policy")
    mode = node.get("kube_proxy_mode")
    routing = N.first_object(node.get("private_network_configuration"))
    as_default = E.obj_get(routing, "private_network_routing_as_default")
    apiserver = node.get("customization_apiserver")
    written_as = "customization_apiserver"
    if apiserver is None and node.get("customization") is not None:
        apiserver, written_as = node.get("customization.apiserver"), "customization"
    plugins = N.first_object(E.obj_get(N.first_object(apiserver), "admissionplugins"))
    return ClusterSpec(
        name=value(r, node, node.get("name")),
        location=read_location(r, node, node.get("region")),
        version=value(r, node, node.get("version")),
        plan=plan, control_plane_ha=ha,
        update=Update(policy, _enum(UpdatePolicy, r.literal(policy, node))),
        kube_proxy=KubeProxy(mode, _enum(ProxyMode, r.literal(mode, node)),
                             node.get("customization_kube_proxy")),
        cilium=node.get("customization_cilium"),
        network=node.get("private_network_id"), nodes_subnet=node.get("nodes_subnet_id"),
        lb_subnet=node.get("load_balancers_subnet_id"),
        routing=PrivateRouting(node.get("private_network_configuration"), boolean(as_default),
                               as_default, E.obj_get(routing, "default_vrack_gateway")),
        admission=Admission(node.get(written_as) if apiserver is not None or
                            written_as == "customization" else None,
                            E.obj_get(plugins, "enabled"), E.obj_get(plugins, "disabled"),
                            written_as),
        pods_cidr=value(r, node, node.get("ip_allocation_policy.pods_ipv4_cidr")),
        services_cidr=value(r, node, node.get("ip_allocation_policy.services_ipv4_cidr")),
        lookup_id=node.get("kube_id") if node.mode == "data" else None)


def _sizing(node: N.Resource) -> Sizing:
    switch = node.get("autoscale")
    on = boolean(switch)
    mode = SizingMode.FIXED if switch is None or on is False else \
        SizingMode.AUTOSCALED if on else SizingMode.COMPUTED
    return Sizing(mode, switch, node.get("desired_nodes"), node.get("min_nodes"),
                  node.get("max_nodes"), ScaleDown(
                      node.get("autoscaling_scale_down_unneeded_time_seconds"),
                      node.get("autoscaling_scale_down_unready_time_seconds"),
                      node.get("autoscaling_scale_down_utilization_threshold")))


def _is_dynamic(seq: E.Expr | None) -> bool:
    if not isinstance(seq, E.BlockSeq):
        return False
    return any(isinstance(item, E.DynamicBlock) or any(_is_dynamic(v) for _, v in item.items)
               for item in seq.items)


def _taints(expr: E.Expr | None, dynamic: bool, r: Reader, node: N.Resource) -> Taints:
    if dynamic:
        return Taints(Written.DYNAMIC, expr)
    if expr is None:
        return Taints(Written.ABSENT, None)
    if isinstance(expr, E.Tuple) and all(isinstance(t, E.Object) for t in expr.items):
        items = []
        for t in expr.items:
            effect = E.obj_get(t, "effect")
            items.append(Taint(E.obj_get(t, "key") or E.Literal(""), E.obj_get(t, "value"),
                               _enum(TaintEffect, E.str_value(effect)), effect))
        return Taints(Written.LITERAL, expr, tuple(items))
    return Taints(Written.COMPUTED, expr)


def _labels(expr: E.Expr | None, dynamic: bool) -> Labels:
    if dynamic:
        return Labels(Written.DYNAMIC, expr)
    if expr is None:
        return Labels(Written.ABSENT, None)
    return Labels(Written.LITERAL if isinstance(expr, E.Object) else Written.COMPUTED, expr)


def _candidates(r: Reader, node: N.Resource, flavor: E.Expr | None) -> tuple[MachineSpec, ...]:
    """`flavor_name = each.value.flavor` over a for_each written as a literal map: the
    machine of every instance (a for_each through a variable is mapped in its default)."""
    t = E.traversal(flavor) if flavor is not None else None
    each = node.meta.for_each
    if not (t and t[0] == "each" and isinstance(each, E.Object)):
        return ()
    path = [str(s) for kind, s in t[1] if kind == "attr"]
    out = []
    for _, item in each.items:
        v: E.Expr | None = item
        # each.key is the map key, each.value.a.b follows the item
        for part in path[1:] if path and path[0] == "value" else ["\0"]:
            v = E.obj_get(v, part)
        text = r.literal(v, node)
        if text is not None:
            out.append(machine_of(text, r.ovh_flavors, "instance", v))
    return tuple(out)


def read_pool(r: Reader, node: N.Resource) -> NodePoolSpec:
    dynamic = _is_dynamic(node.arg("template"))
    flavor = node.get("flavor_name")
    fip = N.first_object(node.get("attach_floating_ips"))
    fip_on = E.obj_get(fip, "enabled")
    return NodePoolSpec(
        name=value(r, node, node.get("name")), cluster=node.get("kube_id"),
        machine=read_machine(r, node, flavor), candidates=_candidates(r, node, flavor),
        sizing=_sizing(node), zones=node.get("availability_zones"),
        labels=_labels(node.get("template.metadata.labels"), dynamic),
        taints=_taints(node.get("template.spec.taints"), dynamic, r, node),
        dynamic_template=dynamic,
        annotations=None if dynamic else node.get("template.metadata.annotations"),
        finalizers=None if dynamic else node.get("template.metadata.finalizers"),
        unschedulable=None if dynamic else node.get("template.spec.unschedulable"),
        floating_ips=boolean(fip_on), floating_ips_source=fip_on,
        anti_affinity=node.get("anti_affinity"), monthly_billed=node.get("monthly_billed"))


def read_allow_list(r: Reader, node: N.Resource) -> AllowList:
    ips = node.get("ips")
    return AllowList(node.get("kube_id"), ips, ips.items if isinstance(ips, E.Tuple) else None)


def read_oidc(r: Reader, node: N.Resource) -> OidcSpec:
    g = node.get
    return OidcSpec(g("kube_id"), g("issuer_url"), g("client_id"), g("oidc_username_claim"),
                    g("oidc_username_prefix"), g("oidc_groups_claim"), g("oidc_groups_prefix"),
                    g("oidc_required_claim"), g("oidc_signing_algs"), g("oidc_ca_content"))


def read_log_subscription(r: Reader, node: N.Resource) -> LogSubscriptionSpec:
    return LogSubscriptionSpec(node.get("kube_id"), node.get("kind"), node.get("stream_id"))

