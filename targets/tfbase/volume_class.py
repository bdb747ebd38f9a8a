"""An OVH volume type as a target's volume class: the table's value for it, or its default."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import disks as D

from .context import Ctx


def by_class(ctx: Ctx, node: N.Resource, spec: D.VolumeSpec, classes: Mapping[str, Any],
             default: Any, mapped: str, gets: str) -> tuple[Any, bool]:
    """The value `classes` gives the OVH class (IT306: "mapped to " + `mapped`, a format of
    the value), else `default` (IT308 for a type written but unknown: "it gets " + `gets`);
    whether the class was known."""
    at = (spec.type.source or node).span
    if spec.volume_class is not None:
        value = classes[spec.volume_class.value]
        ctx.sink.add("IT306", at, f"volume type `{spec.type.text}` mapped to "
                     f"{mapped.format(value)}")
        return value, True
    if spec.type.source is not None:
        ctx.sink.add("IT308", at, f"the volume type of {node.address} is not an OVH class the "
                     f"translator knows; it gets {gets.format(default)}")
    return default, False
