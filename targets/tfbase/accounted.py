"""Every OVH resource ends translated, omitted on purpose, or with an error: never silently."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from iac_translate.compiler.codes import Severity
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

from .context import Ctx

# Codes that say on their own what became of a whole resource (omitted as meaningless, kept
# on the OVH provider); any error at the resource says it too.
_SETTLED = {"IT310"}


def _rows(span: Span) -> tuple[int, int]:
    return span.line, span.end_line or span.line


def apply(ctx: Ctx, resources: list[N.Resource]) -> None:
    """IT338 for each OVH (or OpenStack/S3-on-OVH) resource no lowering accounted for.

    A lowering accounts for its resource by emitting a block from it, recording where it was
    merged (Ctx.merged), omitting it with IT310, or reporting an error at it. The lowerings
    are meant to do one of those each; this is the net that makes a forgotten path loud.
    """
    lines: dict[str, list[int]] = defaultdict(list)  # per file, lines where something says
    for span, _ in ctx.sink.trace:
        if span is not None:
            lines[span.file].append(span.line)
    for d in ctx.sink.sorted():
        if d.span is not None and (d.severity is Severity.ERROR or d.code in _SETTLED):
            lines[d.span.file].append(d.span.line)
    for v in lines.values():
        v.sort()
    for node in resources:
        ovh = node.type.startswith("ovh_") or node.KIND not in ("resource", "Opaque")
        if not ovh or node.mode != "managed":  # Opaque: also any provider we do not know
            continue
        first, last = _rows(node.span)
        seen = lines.get(node.span.file, [])
        i = bisect_left(seen, first)
        if i < len(seen) and seen[i] <= last:
            continue
        if node.KIND == "Opaque":  # an unknown ovh_* type (IT201): most often a typo
            ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its type is "
                         "not a known OVH resource type", "check the type name (see IT201)")
            continue
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: no "
                     f"{ctx.target_name.upper()} object comes from it",
                     "report this with the resource (it is a gap of the translator); decide "
                     "by hand what replaces it")
