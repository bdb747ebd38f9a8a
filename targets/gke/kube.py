"""GKE lowering of a managed Kubernetes cluster: network, channel, version, kubeconfig."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..mapping import data_table
from ..tfbase import kube_version as KV
from ..tfbase import passthrough as P
from ..tfbase import spec_use
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget, Rule
from ..tfbase.use import Use, is_empty
from . import common as C
from . import harden, kube_network
from . import kubeconfig as KC
from .instance_names import warn_repeated

CLUSTER = "google_container_cluster"
POOL = "google_container_node_pool"
_CHANNELS = {K.UpdatePolicy.ALWAYS: "REGULAR", K.UpdatePolicy.MINIMAL_DOWNTIME: "REGULAR",
             K.UpdatePolicy.NEVER: "UNSPECIFIED"}



def declare_cluster(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(f"data.{CLUSTER}.{node.name}", _cluster_rules(node))
    return RefTarget(C.self_ref(CLUSTER, node), _cluster_rules(node))


def _cluster_rules(node: N.Resource) -> dict[str, Rule]:
    return {
        "name": "{self}.name", "region": "{self}.location", "version": "{self}.master_version",
        "url": "{self}.endpoint",
        "kubeconfig": KC.rule(node),
        "kubeconfig_attributes[].host": '"https://${{self}.endpoint}"',
        "kubeconfig_attributes[*].host": '["https://${{self}.endpoint}"]',
        "kubeconfig_attributes[].cluster_ca_certificate":
            "{self}.master_auth[0].cluster_ca_certificate",
        "kubeconfig_attributes[*].cluster_ca_certificate":
            "{self}.master_auth[*].cluster_ca_certificate",
        # The whole object, as in `local.kube = ....kubeconfig_attributes[0]`: GKE has no
        # client certificate; Kubernetes/Helm providers get a token instead (providers.py).
        "kubeconfig_attributes[]": _KUBECONFIG_ATTRIBUTES,
        # The whole list, as in `output "x" { value = ....kubeconfig_attributes }`.
        "kubeconfig_attributes": f"[{_KUBECONFIG_ATTRIBUTES}]",
    }


_KUBECONFIG_ATTRIBUTES = ('{ host = "https://${{self}.endpoint}", cluster_ca_certificate = '
                          "{self}.master_auth[0].cluster_ca_certificate, "
                          'client_certificate = "", client_key = "" }')


def lower_cluster(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_cluster(ctx, node)
    spec = K.read_cluster(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    b = TfBlock("resource", (CLUSTER, node.name))
    b.set("name", C.name_value(node, _rw(ctx, node, spec.name.source)))
    region = C.map_region(ctx, node, spec.location.source)
    # (node pools are named per cluster, so only the cluster's own name can collide)
    warn_repeated(ctx, node, CLUSTER, b.get("name"), "per project and location", region)
    free = spec.control_plane_ha is False
    b.set("location", region, "regional control plane; OVH free plan has a single-zone "
          "control plane" if free else None)
    if free and spec.plan.known:
        ctx.sink.add("IT301", _span(spec.plan.source, node), f"plan `free` of {node.address}: "
                     "GKE clusters are regional here (3-zone control plane), which GKE bills as "
                     "standard")
    b.set("deletion_protection", harden.protection(ctx, node, None, "the cluster"))
    b.set("remove_default_node_pool", E.Literal(True))
    b.set("initial_node_count", C.num(1))
    if ctx.harden.dedicated_node_sa:
        # The default pool lives only until it is removed, but it must not run as the
        # Compute Engine default account either.
        b.block("node_config").set("service_account", E.ref(
            f"google_service_account.{harden.node_account(ctx, node, node)}.email"))
    harden.workload_identity(ctx, b)
    _workload_needs(ctx, node, b)
    _version(ctx, node, spec, b)
    kube_network.cluster_network(ctx, node, spec, b)
    _channel(ctx, node, spec, b)
    _datapath(ctx, node, spec, b)
    adm = spec.admission
    if adm.source is not None and not is_empty(adm.source):
        why = "GKE manages API server admission plugins itself" + (
            " (NodeRestriction is always enabled)" if adm.written_as != "customization" else "")
        ctx.sink.add("IT302", _span(adm.source, node), f"`{adm.written_as}` of {node.address} "
                     f"is not translated: {why}")
    if spec.lb_subnet is not None and not is_empty(spec.lb_subnet):
        ctx.sink.add("IT302", _span(spec.lb_subnet, node), "`load_balancers_subnet_id` of "
                     f"{node.address} is not translated: GKE places load balancers itself; use "
                     "the `networking.gke.io/internal-load-balancer-subnet` Service annotation "
                     "for internal LBs")
    P.place(ctx, node, b, u.raw("timeouts"))
    _version_guard(b)  # the block is rendered later: the precondition joins its lifecycle
    KC.emit_local(ctx, node)
    u.done()


def _rw(ctx: Ctx, node: N.Resource, e: E.Expr | None) -> E.Expr | None:
    return ctx.rewrite(e, node.module) if e is not None else None


def _span(e: E.Expr | None, node: N.Resource) -> Span:
    return e.span if e is not None and e.span is not None else node.span


def _workload_needs(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """What the AI workloads of the same estate need: routes are served by the cluster's
    Gateway controller; pods mount buckets with the Cloud Storage FUSE CSI driver, which
    authenticates through Workload Identity."""
    if "gateway" in ctx.harden.needs:
        b.block("gateway_api_config").set("channel", E.Literal("CHANNEL_STANDARD"))
        ctx.sink.add("IT346", node.span, f"the cluster of {node.address} enables the Gateway "
                     "API: workloads of this repository are published through HTTPRoutes")
    if "object-storage" not in ctx.harden.needs:
        return
    b.block("addons_config").block("gcs_fuse_csi_driver_config").set("enabled", E.Literal(True))
    ctx.sink.add("IT346", node.span, f"the cluster of {node.address} enables the Cloud Storage "
                 "FUSE CSI driver and Workload Identity: workloads of this repository mount "
                 "buckets")


def _channel(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    policy_expr, policy = spec.update.source, spec.update.policy
    if policy_expr is None:
        return
    if policy is None:
        # Computed policy: translate it at plan time with the same table.
        table = E.Object(tuple((E.Var(k.value), E.Literal(v))
                               for k, v in sorted(_CHANNELS.items(), key=lambda kv: kv[0].value)))
        b.block("release_channel").set("channel", E.Call("lookup", (
            table, ctx.rewrite(policy_expr, node.module), E.Literal("REGULAR"))))
        ctx.sink.add("IT301", policy_expr.span, f"update_policy of {node.address} is an "
                     "expression; a lookup maps it to the release channel (MINIMAL_DOWNTIME "
                     "surge settings and NEVER_UPDATE auto-upgrade are not applied)")
        return
    b.block("release_channel").set("channel", E.Literal(_CHANNELS[policy]))
    if policy is K.UpdatePolicy.MINIMAL_DOWNTIME:
        ctx.sink.add("IT301", policy_expr.span, "MINIMAL_DOWNTIME: REGULAR channel; node pools "
                     "use surge upgrades (max_surge 1, max_unavailable 0)")
    if policy is K.UpdatePolicy.NEVER:
        ctx.sink.add("IT301", policy_expr.span, "NEVER_UPDATE: no release channel and node "
                     "auto-upgrade off, but GKE still upgrades the control plane at end of support")


def _datapath(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    proxy = spec.kube_proxy
    if spec.cilium is not None:
        b.set("datapath_provider", E.Literal("ADVANCED_DATAPATH"))
        ctx.sink.add("IT301", spec.cilium.span, "customization_cilium: GKE Dataplane V2 is "
                     "Cilium-based but its cluster mesh and Hubble settings are managed by GKE")
    elif proxy.source is not None and ctx.literal(proxy.source, node) is not None:
        b.set("datapath_provider", E.Literal("LEGACY_DATAPATH"))
        if proxy.mode is K.ProxyMode.IPVS:
            ctx.sink.add("IT301", _span(proxy.source, node), "kube_proxy_mode `ipvs`: GKE runs "
                         "kube-proxy in iptables mode only")
    if proxy.tuning is not None and not is_empty(proxy.tuning):
        ctx.sink.add("IT302", _span(proxy.tuning, node), "`customization_kube_proxy` of "
                     f"{node.address} is not translated: GKE does not expose kube-proxy tuning")


def _data_cluster(ctx: Ctx, node: N.Resource) -> None:
    spec = K.read_cluster(ctx, node)
    u = Use(ctx, node, f"data.{CLUSTER}")
    spec_use.consume(u, "kube")
    b = TfBlock("data", (CLUSTER, node.name))
    name = _rw(ctx, node, spec.name.source)
    if name is None:
        shown = E.str_value(spec.lookup_id) or "the OVH cluster"
        name = E.Literal(f"TODO(IT308): name of the GKE cluster replacing {shown}")
        ctx.sink.add("IT308", node.span, f"{node.address} looks a cluster up by OVH id; give the "
                     "GKE cluster name instead")
    b.set("name", name)
    region = C.map_region(ctx, node, spec.location.source)
    b.set("location", region)
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    KC.emit_local(ctx, node)
    u.done()


def _version(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """`version` is a floor (min_master_version). A literal GKE no longer offers is left out,
    the release channel picks the version, and IT336 says so; a computed one is kept (the
    caller may pass a newer one) and guarded in `_version_guard`, IT333 when its default is
    already too old."""
    raw, wanted = spec.version.source, spec.version.text
    if raw is None:
        return
    floor = _floor()
    if isinstance(raw, E.Literal) and KV.older(wanted, floor):
        ctx.sink.add("IT336", raw.span, f"Kubernetes {wanted} of {node.address} is no longer "
                     f"offered by GKE (the oldest minor is {floor}); min_master_version is left "
                     "out and the release channel chooses the version",
                     "upgrade the OVH cluster first, or check the workloads against "
                     f"Kubernetes {floor}")
        return
    if not isinstance(raw, E.Literal) and KV.older(wanted, floor):
        ctx.sink.add("IT333", raw.span or node.span, f"the default Kubernetes {wanted} of "
                     f"{node.address} is no longer offered by GKE (the oldest minor is "
                     f"{floor}); a precondition stops the plan unless a newer version is passed",
                     f"raise the default to {floor} or later after checking the workloads for "
                     "removed APIs (pluto, kubectl convert)")
    b.set("min_master_version", ctx.rewrite(raw, node.module))


def _version_guard(b: TfBlock) -> None:
    """A computed floor gets a precondition: a value below the oldest minor offered stops the
    plan with the reason rather than the cluster creation failing mid-apply."""
    version = b.get("min_master_version")
    if version is not None and not isinstance(version, E.Literal):
        KV.guard(b, version, _floor(), "GKE")


def _floor() -> str:
    return str((data_table("gke/platform.json") or {})["kubernetes"]["min_version"])
