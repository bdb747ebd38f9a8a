"""Values of `ovhai` flags: numbers, placeholders, env vars, labels, volumes and scaling."""

from __future__ import annotations

import math
import re
from typing import Any

from iac_translate.grammars import parser
from lark import Token, Tree
from lark.exceptions import LarkError

from ..diagnostics import Sink
from ..guard import INT32_MAX, INT64_MAX, MAX_INT_DIGITS
from ..ir import ai
from ..span import Span


class CliError(Exception):
    def __init__(self, span: Span, message: str, code: str = "IT106") -> None:
        super().__init__(message)
        self.span = span
        self.message = message
        self.code = code


# Documentation placeholders: `<nb-gpus>`, `<shared-registry-address>/app:latest`, and the
# make/shell variables of templated scripts (`$(GPU)`, `${IMAGE}`, `$FLAVOR`).
_PLACEHOLDER = re.compile(r"<[^<>\s]*[A-Za-z][^<>]*>|\$\(\w+\)|\$\{\w+\}|\$[A-Za-z_]\w*")


def placeholder(text: str) -> bool:
    return _PLACEHOLDER.search(text) is not None


def fill_placeholders(image: str) -> str:
    """`<shared-registry-address>/app:<tag>` -> `shared-registry-address/app:tag`: a valid
    reference that still names what to set."""
    def slug(m: re.Match[str]) -> str:
        word = re.sub(r"[^a-z0-9]+", "-", m.group(0).lower()).strip("-")
        return word or "placeholder"
    return _PLACEHOLDER.sub(slug, image)


# ASCII digits only: str.isdigit() and \d accept `٣` and `²`, which int() reads or refuses.
_DURATION = re.compile(r"([0-9]+)([smhd]?)", re.ASCII)
_INT = re.compile(r"[0-9]+", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
# Flags whose values Kubernetes reads as ports (1-65535); other whole numbers are int32.
_PORTS = {"http_port", "probe_port"}
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}



def convert(flag: Any, value: Any, span: Span) -> Any:
    name, text = flag.names[0], str(value)
    if flag.conv == "int":
        if not _INT.fullmatch(text):
            raise CliError(span, f"`{name}` takes a whole number, not `{text[:40]}`")
        lo, hi = (1, 65535) if flag.field in _PORTS else (0, INT32_MAX)
        return _in_range(name, _whole(name, text, span), lo, hi, span)
    if flag.conv == "float":
        if not _FLOAT.fullmatch(text) or not math.isfinite(float(text)):
            raise CliError(span, f"`{name}` takes a finite number, not `{text[:40]}`")
        return float(text)
    if flag.conv == "duration":
        m = _DURATION.fullmatch(text)
        if not m:
            raise CliError(span, f"`{name}` takes a duration such as 30s, 10m or 1h, "
                           f"not `{text[:40]}`")
        seconds = _whole(name, m.group(1), span) * _UNITS[m.group(2)]
        return _in_range(name, seconds, 0, INT64_MAX, span)
    return value


def _whole(name: str, digits: str, span: Span) -> int:
    if len(digits) > MAX_INT_DIGITS:  # int() would refuse it
        raise CliError(span, f"`{name}` has more than {MAX_INT_DIGITS} digits", "IT111")
    return int(digits)


def _in_range(name: str, n: int, lo: int, hi: int, span: Span) -> int:
    if not lo <= n <= hi:
        raise CliError(span, f"`{name}` must be between {lo} and {hi}", "IT105")
    return n


def env_vars(items: list[tuple[str, Span]]) -> list[ai.EnvVar]:
    out = []
    for text, span in items:
        name, eq, value = text.partition("=")
        if not name or not eq:
            raise CliError(span, f"an environment variable is written NAME=value, not `{text}`")
        out.append(ai.EnvVar(name, value, span))
    return out


def labels(items: list[tuple[str, Span]]) -> list[tuple[str, str]]:
    out = []
    for text, span in items:
        name, eq, value = text.partition("=")
        if not name or not eq:
            raise CliError(span, f"a label is written name=value, not `{text}`")
        out.append((name, value))
    return sorted(out)


def volumes(items: list[tuple[str, Span]], sink: Sink) -> list[ai.Volume]:
    out = []
    for text, span in items:
        v = volume(text, span, sink)
        if v is not None:
            out.append(v)
    return out


# `https://user:token@host/...`: the user info is a credential, never shown in a message.
_USERINFO = re.compile(r"(://)[^/@\s]*@")
# Trailing `:<permission>`-style placeholders of a volume spec.
_OPTION_PLACEHOLDERS = re.compile(r"(.*?)((?::<[^<>]*>)+)", re.S)


def shown(text: str) -> str:
    return _USERINFO.sub(r"\1***@", text)[:120]


def volume(text: str, span: Span, sink: Sink | None = None) -> ai.Volume | None:
    """Parse `container@alias[/prefix]:mount[:perm][:cache]` or `url:mount[:perm][:cache]`;
    None (with a warning) for a documentation placeholder such as `<container@region:...>`."""
    sink = sink if sink is not None else Sink()
    m = _OPTION_PLACEHOLDERS.fullmatch(text)
    if m and m.group(1) and not placeholder(m.group(1).rsplit(":", 1)[-1]):
        sink.add("IT230", span, f"`{m.group(2)[1:]}` in volume `{shown(text)}` is a "
                 "documentation placeholder: RO without cache is assumed",
                 "write ro|rw|rwd and cache|no-cache")
        text = m.group(1)
    try:
        tree = parser("ovhai_volume").parse(text)
    except LarkError:
        if placeholder(text):
            sink.add("IT230", span, f"volume `{shown(text)}` is a documentation placeholder: "
                     "it is not translated", "write the real container@region:/mount:perm")
            return None
        raise CliError(span, f"malformed volume `{shown(text)}`: expected "
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
            hint = " (`0` for `O`?)" if low in ("r0", "rw0") else ""
            raise CliError(span, f"unknown volume option `{o}` in `{shown(text)}`: expected "
                           f"ro|rw|rwd and cache|no-cache{hint}", "IT107")
    mount = next(str(t) for t in toks if t.type == "MOUNT")
    if tree.data == "standalone":
        return ai.Volume(mount, perm, cache, "standalone", name="standalone", span=span)
    if tree.data == "remote":
        url = str(toks[0])
        kind = "git" if url.endswith(".git") or "git" in url.split("://")[0] else "swift"
        return ai.Volume(mount, perm, cache, kind, url=url, span=span)
    prefix = next((str(t) for c in tree.children if isinstance(c, Tree) and c.data == "prefix"
                   for t in c.children), None)
    if placeholder(str(toks[0])) or placeholder(str(toks[1])):
        sink.add("IT230", span, f"volume `{shown(text)}` names its container or region with a "
                 "documentation placeholder; it is kept as written", "set the real bucket")
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
