"""The name an OVH registry's replacement gets on a cloud: its own, or its label when read by id."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from .context import Ctx


def registry_name(ctx: Ctx, node: N.Resource, spec: R.RegistrySpec, label: str,
                  named: Callable[[str], E.Expr], taken: str, what: str) -> E.Expr:
    """`named(text)` of a literal registry name, a computed one rewritten; a registry read by
    its OVH id (no name) is taken to be `label` (IT308: "the <taken> `label`"; set the
    `what`)."""
    if spec.name.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} reads a registry by its OVH id; the "
                     f"{taken} `{label}`", f"set the {what} the images were copied to")
        return E.Literal(label)
    if spec.name.text is not None:
        return named(spec.name.text)
    return ctx.rewrite(spec.name.source, node.module)
