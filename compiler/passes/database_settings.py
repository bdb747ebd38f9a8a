"""Database access and upkeep settings read neutrally: allow-list, daily times, engine config."""

from __future__ import annotations

import re
from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .reader import Reader


@dataclass(frozen=True, slots=True)
class AllowEntry:
    """One allowed CIDR; `cidr` is its literal text when it has one."""

    ip: E.Expr | None
    description: E.Expr | None = None
    cidr: str | None = None


@dataclass(frozen=True, slots=True)
class DynamicAllow:
    """A `dynamic "ip_restrictions"`: one entry per element of `for_each`."""

    for_each: E.Expr
    iterator: str
    ip: E.Expr | None
    description: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class AllowList:
    """The `ip_restrictions` blocks in source order (literal entries and dynamic ones)."""

    items: tuple[AllowEntry | DynamicAllow, ...] = ()
    source: E.Expr | None = None

    @property
    def entries(self) -> tuple[AllowEntry, ...]:
        return tuple(i for i in self.items if isinstance(i, AllowEntry))

    @property
    def dynamic(self) -> tuple[DynamicAllow, ...]:
        return tuple(i for i in self.items if isinstance(i, DynamicAllow))

    @property
    def empty(self) -> bool:
        return not self.items


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """A daily time (OVH `HH:MM:SS`, UTC); `hhmm` when it is a literal in that shape."""

    source: E.Expr | None
    hhmm: str | None = None

    @property
    def hour(self) -> int | None:
        return int(self.hhmm[:2]) if self.hhmm else None

    @property
    def minute(self) -> int | None:
        return int(self.hhmm[3:5]) if self.hhmm else None


@dataclass(frozen=True, slots=True)
class ConfigEntry:
    """An `advanced_configuration` key: `pg.max_connections` -> prefix pg, name
    max_connections (the prefix names the OVH component: pg, pglookout, mysql...)."""

    key: str
    prefix: str
    name: str
    value: E.Expr


@dataclass(frozen=True, slots=True)
class Config:
    entries: tuple[ConfigEntry, ...] = ()
    source: E.Expr | None = None  # set; computed when it is not an object literal

    @property
    def computed(self) -> bool:
        return self.source is not None and not isinstance(self.source, E.Object)


def read_allow(r: Reader, node: N.Resource) -> AllowList:
    raw = node.get("ip_restrictions")
    if not isinstance(raw, E.BlockSeq):
        return AllowList(source=raw)
    items: list[AllowEntry | DynamicAllow] = []
    for item in raw.items:
        if isinstance(item, E.Object):
            ip = E.obj_get(item, "ip")
            items.append(AllowEntry(ip, E.obj_get(item, "description"),
                                    r.literal(ip, node) if ip is not None else None))
        else:
            items.append(DynamicAllow(item.for_each, item.iterator or item.label,
                                      E.obj_get(item.content, "ip"),
                                      E.obj_get(item.content, "description")))
    return AllowList(tuple(items), raw)


def read_time(r: Reader, node: N.Resource, name: str) -> TimeOfDay:
    src = node.get(name)
    text = r.literal(src, node) if src is not None else None
    ok = text is not None and re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text)
    return TimeOfDay(src, text[:5] if ok and text else None)


def read_config(node: N.Resource) -> Config:
    raw = node.get("advanced_configuration")
    if not isinstance(raw, E.Object):
        return Config((), raw)
    out: list[ConfigEntry] = []
    for k, v in raw.items:
        key = E.key_name(k) or ""
        prefix, _, name = key.partition(".") if "." in key else ("", "", key)
        out.append(ConfigEntry(key, prefix, name, v))
    return Config(tuple(out), raw)
