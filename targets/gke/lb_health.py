"""GKE load balancer health checks: an OVH pool's monitor as a regional health check."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only
from ..tfbase.context import Ctx

CHECK = "google_compute_region_health_check"
# OVH monitor type -> the health check block GCP probes with (others: a TCP check, IT301)
_KINDS = {"http": "http_health_check", "https": "https_health_check",
          "tcp": "tcp_health_check", "tls-hello": "ssl_health_check"}
_NUMBERS = (("check_interval_sec", "delay_s"), ("timeout_sec", "timeout_s"),
            ("healthy_threshold", "healthy_after"), ("unhealthy_threshold", "unhealthy_after"))


def health_check(ctx: Ctx, node: N.Resource, lst: LB.Listener, label: str,
                 name: E.Expr, region: E.Expr | None, port: E.Expr) -> TfBlock:
    """The regional health check of one listener's pool, probing `port` (its members'):
    the monitor's kind, interval, timeout and thresholds; a TCP check when there is none
    (a passthrough backend service must have one)."""
    b = TfBlock("resource", (CHECK, label))
    P.emit_meta(ctx, b, meta_only(node), {})
    b.set("name", name)
    b.set("region", region)
    hc = lst.pool.health if lst.pool is not None else None
    port_text = lst.port.text or "?"
    if hc is None:
        ctx.sink.add("IT301", lst.source.span or node.span, f"{node.address}'s listener "
                     f"{port_text} has no health monitor: a TCP health check on its "
                     "members' port is made (a GCP passthrough backend service needs one)")
        b.block("tcp_health_check").set("port", port)
        return b
    kind = (hc.kind.text or "").lower()
    block = _KINDS.get(kind)
    if block is None:
        LF.tcp_instead(ctx, node, hc, kind, "health check", "GCP checks TCP, SSL, HTTP, "
                       "HTTPS, HTTP/2 and gRPC")
        block = "tcp_health_check"
    _numbers(ctx, node, hc, b)
    h = b.block(block)
    h.set("port", port)
    if block in ("http_health_check", "https_health_check"):
        h.set("request_path", ctx.rewrite(hc.path.source, node.module)
              if hc.path.source is not None else None)
        _http_lost(ctx, node, hc)
    return b


def _numbers(ctx: Ctx, node: N.Resource, hc: LB.HealthCheck, b: TfBlock) -> None:
    """delay -> check_interval_sec, timeout -> timeout_sec (GCP refuses a timeout longer
    than the interval: it is cut to it), max_retries -> healthy_threshold, max_retries_down
    -> unhealthy_threshold."""
    for arg, attr in _NUMBERS:
        v: Value = getattr(hc, attr)
        if v.source is not None:
            b.set(arg, ctx.rewrite(v.source, node.module))
    delay, timeout = hc.delay_s.text, hc.timeout_s.text
    if delay and timeout and delay.isdigit() and timeout.isdigit() and \
            int(timeout) > int(delay):
        b.set("timeout_sec", E.Literal(int(delay), delay))
        at = hc.timeout_s.source.span if hc.timeout_s.source is not None else None
        ctx.sink.add("IT301", at or node.span, f"the health monitor timeout of "
                     f"{node.address} ({timeout}s) is longer than its delay ({delay}s): GCP "
                     f"refuses that, timeout_sec is {delay}")


def _http_lost(ctx: Ctx, node: N.Resource, hc: LB.HealthCheck) -> None:
    """What a GCP HTTP check cannot ask: another method, other codes, HTTP/1.0."""
    for v, default, what in ((hc.method, "GET", "`http_method` (GCP checks with GET)"),
                             (hc.codes, "200", "`expected_codes` (GCP expects 200)"),
                             (hc.version, "1.1", "`http_version` (GCP checks with HTTP/1.1)")):
        if v.source is None or (v.text or "").upper() == default:
            continue
        ctx.sink.add("IT302", v.source.span or node.span, f"{what.split(' (')[0]} of "
                     f"{node.address}'s health monitor is not translated: "
                     f"{what.split(' (', 1)[1].rstrip(')')}")
