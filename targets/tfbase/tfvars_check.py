"""OVH values a root's variable files set for variables that now hold target values (IT385)."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .values import Mapper, role_code, target_kind


def check(ctx: Ctx, model: N.Model, mappers: dict[str, Mapper]) -> None:
    """A `terraform.tfvars` that sets a region, zone or flavor variable to an OVH value
    overrides the mapped default at plan time: the cloud gets `GRA11`. Said at the value,
    with its mapping; the file is the user's input to plan and is not written."""
    for v in model.tfvars:
        module = posixpath.dirname(v.file)
        for role in sorted(ctx.roles_of(module, "var", v.name)):
            mapper = mappers.get(role)
            if mapper is None:
                continue
            found = [(s, value, mapped) for s in E.walk(v.value)
                     if isinstance(s, E.Literal) and (value := E.str_value(s)) is not None
                     and (mapped := mapper(value)) is not None and mapped != value]
            if not found:
                continue
            _, what = role_code(role)
            ovh = ", ".join(f"`{value}`" for _, value, _ in found)
            fix = ", ".join(f"`{value}` -> `{mapped}`" for _, value, mapped in found)
            ctx.sink.add("IT385", found[0][0].span or v.span, f"this file sets var.{v.name} "
                         f"to the OVH {what} {ovh}: the translated configuration takes "
                         f"{target_kind(ctx, role)} there, and the file overrides the mapped "
                         "default at plan time", f"edit the file: {fix}")
            break
