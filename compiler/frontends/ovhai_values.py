"""Values of repeatable `ovhai` flags: env vars, labels, volume specs and scaling options."""

from __future__ import annotations

from typing import Any

from iac_translate.grammars import parser
from lark import Token, Tree
from lark.exceptions import LarkError

from ..ir import ai
from ..span import Span


def env_vars(items: list[tuple[str, Span]]) -> list[ai.EnvVar]:
    out = []
    for text, span in items:
        name, eq, value = text.partition("=")
        if not name or not eq:
            from .ovhai_cli import CliError
            raise CliError(span, f"an environment variable is written NAME=value, not `{text}`")
        out.append(ai.EnvVar(name, value, span))
    return out


def labels(items: list[tuple[str, Span]]) -> list[tuple[str, str]]:
    out = []
    for text, span in items:
        name, eq, value = text.partition("=")
        if not name or not eq:
            from .ovhai_cli import CliError
            raise CliError(span, f"a label is written name=value, not `{text}`")
        out.append((name, value))
    return sorted(out)


def volumes(items: list[tuple[str, Span]]) -> list[ai.Volume]:
    return [volume(text, span) for text, span in items]


def volume(text: str, span: Span) -> ai.Volume:
    """Parse `container@alias[/prefix]:mount[:perm][:cache]` or `url:mount[:perm][:cache]`."""
    from .ovhai_cli import CliError
    try:
        tree = parser("ovhai_volume").parse(text)
    except LarkError:
        raise CliError(span, f"malformed volume `{text}`: expected "
                       "container@alias[/prefix]:/mount/path[:ro|rw|rwd][:cache|no-cache]",
                       "IT107") from None
    toks = [c for c in tree.children if isinstance(c, Token)]
    opts = [str(t) for c in tree.children if isinstance(c, Tree) and c.data == "options"
            for t in c.children]
    perm, cache = "RO", False
    for o in opts:
        low = o.lower()
        if low in ("ro", "rw", "rwd"):
            perm = low.upper()
        elif low in ("cache", "no-cache"):
            cache = low == "cache"
        else:
            raise CliError(span, f"unknown volume option `{o}` in `{text}`: expected "
                           "ro|rw|rwd and cache|no-cache", "IT107")
    mount = next(str(t) for t in toks if t.type == "MOUNT")
    if tree.data == "remote":
        url = str(toks[0])
        kind = "git" if url.endswith(".git") or "git" in url.split("://")[0] else "swift"
        return ai.Volume(mount, perm, cache, kind, url=url, span=span)
    prefix = next((str(t) for c in tree.children if isinstance(c, Tree) and c.data == "prefix"
                   for t in c.children), None)
    return ai.Volume(mount, perm, cache, "datastore", container=str(toks[0]),
                     alias=str(toks[1]), prefix=prefix, span=span)


def scaling(v: dict[str, Any], spans: dict[str, Span]) -> ai.Scaling | None:
    auto_keys = ("min", "max", "rtype", "target", "c_url", "up", "down", "cooldown")
    if not any(k in v for k in auto_keys):
        replicas = v.get("replicas")
        return ai.Scaling(replicas=replicas, span=spans.get("replicas")) \
            if replicas is not None else None
    custom = None
    if "c_url" in v:
        custom = ai.CustomMetrics(v["c_url"], str(v.get("c_format", "JSON")).upper(),
                                  v.get("c_location", ""), float(v.get("c_target", 0)),
                                  str(v.get("c_agg", "AVERAGE")).upper())
    rtype = v.get("rtype")
    first = next((spans[k] for k in auto_keys if k in spans), None)
    return ai.Scaling(min_replicas=v.get("min"), max_replicas=v.get("max"),
                      resource_type=str(rtype).upper() if rtype else None,
                      target_percent=v.get("target"), custom=custom,
                      scale_up_window=v.get("up"), scale_down_window=v.get("down"),
                      cooldown=v.get("cooldown"), span=first)
