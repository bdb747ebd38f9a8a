"""Variable descriptions that still speak of OVHcloud are marked as such (IT340)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx

MARK = "(OVH source) "
# Bare two-letter region codes (DE, UK) are ordinary words in descriptions: only the
# numbered forms (DE1, UK1) count.
_AMBIGUOUS = {"DE", "UK"}
_WORDS = (r"(?i:\bovh(?:cloud)?(?![a-z]))", r"\bOpenStack\b", r"\bMKS\b",
          r"(?<![\w-])(?:GRA|SBG|BHS|RBX|WAW|SGP|SYD|DE|UK)\d+(?![\w-])",
          r"(?<![\w-])[bcdrt][1-3]-\d+(?![\w-])")


@lru_cache(maxsize=8)
def _pattern(regions: tuple[str, ...], flavors: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted((n for n in regions + flavors if n not in _AMBIGUOUS), key=len, reverse=True)
    listed = r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])" if names else ""
    return re.compile("|".join([*_WORDS, *([listed] if listed else [])]))


def _names(table: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(k for v in table.values() if isinstance(v, dict) for k in v))


def ovh_wording(ctx: Ctx, text: str) -> str | None:
    """The first OVH-only word of `text` (OVHcloud, a region code, a flavor name), if any."""
    regions = tuple(sorted(ctx.tables.ovh_regions.get("regions", {})))
    m = _pattern(regions, _names(ctx.tables.ovh_flavors)).search(text)
    return m.group(0) if m else None


def mark_description(ctx: Ctx, node: N.Variable,
                     args: tuple[tuple[str, E.Expr], ...]) -> tuple[tuple[str, E.Expr], ...]:
    """Prefix a literal description written for OVHcloud with MARK and report it (IT340).

    Callers of the translated module read the description to know what to pass; one that
    names an OVH region, flavor or the OVHcloud project misleads them unless it says so.
    """
    desc = next((v for k, v in args if k == "description"), None)
    text = E.str_value(desc) if desc is not None else None
    if desc is None or text is None or text.startswith(MARK):
        return args
    word = ovh_wording(ctx, text)
    if word is None:
        return args
    ctx.sink.add("IT340", desc.span or node.span,
                 f"the description of variable `{node.name}` was written for OVHcloud "
                 f"(`{word}`); it is kept, marked \"{MARK.strip()}\"",
                 "rewrite it for the target once the values it describes are settled")
    new = E.Literal(MARK + text, span=desc.span)
    return tuple((k, new if k == "description" else v) for k, v in args)
