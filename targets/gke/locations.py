"""Self-check: every statically known location of the emitted Terraform is a GCP place."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfAttr, TfBlock
from ..tfbase.block_items import block_attrs
from ..tfbase.context import Ctx
from ..tfeval import Scope

# Arguments that name a place: a region, a zone, a multi-region or a dual-region.
_ARGS = ("location", "region", "zone", "node_locations")
_PLACE = re.compile(
    r"(?i)^(?:[a-z]+-[a-z]+[0-9]+(?:-[a-z])?"  # europe-west1, europe-west1-b (GCS: any case)
    r"|eu|us|asia|europe|eur[0-9]|nam[0-9]|asia[0-9]|global)$")


def check(ctx: Ctx) -> None:
    """IT349 where a location evaluates, without a plan, to something GCP does not have.
    OVH configurations derive names from their regions (`upper(replace(var.region,
    "/[0-9]+$/", ""))` turns GRA11 into GRA); once the region is mapped, the same
    expression makes `EUROPE-WEST` of europe-west1, which every apply rejects."""
    scope = Scope.of_blocks(ctx.files)
    for path, blocks in sorted(ctx.files.items()):
        for b in blocks:
            if b.type in ("resource", "data") and b.labels and b.labels[0].startswith("google_"):
                for item in block_attrs(b):
                    if item.name in _ARGS:
                        _attr(ctx, scope, path, b, item)


def _attr(ctx: Ctx, scope: Scope, path: str, b: TfBlock, item: TfAttr) -> None:
    address = ".".join(b.labels)
    values = item.value.items if isinstance(item.value, E.Tuple) else (item.value,)
    for v in values:
        if isinstance(v, E.Literal):
            continue  # a literal is the mapping table's, or the user's own value
        place = scope.string(v, path)
        # "" is a module's "set me" default (`variable "region" { default = "" }`), which
        # OVH refused as GCP does: the caller sets it, no OVH name was reshaped
        if place and not place.startswith("TODO") and not _PLACE.match(place):
            ctx.sink.add("IT349", v.span or b.span, f"`{item.name}` of {address} is "
                         f"`{place}` once its expression is evaluated, which is not a "
                         "GCP region, zone or multi-region: the expression was written "
                         "for OVH region names", "write the location it needs on GCP "
                         "(a region such as europe-west1, or a multi-region such as EU)")
