"""The keys of an OVH load balancer's listeners (pools, members, probes) no lowering reads."""

from __future__ import annotations

from collections.abc import Iterator

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

# What compiler/passes/loadbalancer.py reads of each OVH object (any cloud's lowering
# translates these or says why not); any other key is the caller's to report.
READ = {"listener": ("port", "protocol", "allowed_cidrs", "pool"),
        "pool": ("algorithm", "protocol", "members", "health_monitor", "session_persistence"),
        "member": ("address", "protocol_port", "weight"),
        "health_monitor": ("monitor_type", "delay", "timeout", "max_retries",
                           "max_retries_down", "http_configuration"),
        "http_configuration": ("url_path", "http_method", "http_version", "expected_codes")}
_NESTED = {"pool": "pool", "members": "member", "health_monitor": "health_monitor",
           "http_configuration": "http_configuration"}


def unread(obj: E.Expr | None, kind: str = "listener",
           path: str = "listeners") -> Iterator[tuple[Span | None, str, str]]:
    """(span, path, key) of each key of `obj` (a `kind` object) and its nested objects that
    the neutral reader does not read."""
    if not isinstance(obj, E.Object):
        return
    for k, v in obj.items:
        name = E.key_name(k) or "?"
        if name not in READ[kind]:
            yield k.span, path, name
        elif name in _NESTED:
            for item in v.items if isinstance(v, E.Tuple) else (v,):
                yield from unread(item, _NESTED[name], f"{path}.{name}")
