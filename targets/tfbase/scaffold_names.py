"""Free names for the variables a translation adds: never one its source module declares."""

from __future__ import annotations

from collections.abc import Callable

from ..hclwrite import TfBlock
from . import readings
from .context import Ctx

# The first name tried when the wanted one is taken: the target cloud's word before it, as a
# reader of the module tells the translation's variable from the author's by it.
PREFIX = {"aks": "azure_", "gke": "gcp_", "eks": "aws_", "scaleway": "scaleway_"}


def declared_variables(ctx: Ctx, module: str) -> set[str]:
    """The variables the source module `module` declares (read from the model while it
    lives, else from what the self-check kept of it: Ctx.source_facts)."""
    if ctx.source_facts is not None:
        scope = ctx.source_facts[0].get(module)
        return {name for kind, name in scope.names if kind == "var"} if scope else set()

    def build() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for m, name in ctx.by_module.variables:
            out.setdefault(m, set()).add(name)
        return out
    return readings.index(ctx, "scaffold_names.declared", build).get(module, set())


def free_variable_name(ctx: Ctx, module: str, wanted: str) -> str:
    """The name of the variable `wanted` the translation adds to `module`: `wanted` itself
    unless the source module declares a variable of that name (Terraform rejects a module
    declaring one twice, and the author's keeps its meaning), else `<cloud>_<wanted>`, then
    `_2`, `_3`... Also skipped: the names of the variables the translation already added to
    the module under another name. The same answer for every question about one variable
    (its references, the calls passing it down and the diagnostics naming it follow it)."""
    made = ctx.scaffolds.get(f"{module}|variable.{wanted}")
    if made is not None and made.type == "variable" and made.labels:
        return made.labels[0]
    return readings.index(ctx, f"scaffold_names.free {module}|{wanted}",
                          lambda: _free(ctx, module, wanted))


def _free(ctx: Ctx, module: str, wanted: str) -> str:
    taken = declared_variables(ctx, module)
    if wanted not in taken:
        return wanted
    prefix = f"{module}|"
    taken = taken | {b.labels[0] for key, b in ctx.scaffolds.items()
                     if key.startswith(prefix) and b.type == "variable" and b.labels}
    return free_name(taken, wanted, ctx.target_name)


def free_name(taken: set[str] | frozenset[str], wanted: str, target: str) -> str:
    """`wanted` unless in `taken`, else `<cloud>_<wanted>`, then `_2`, `_3`... (for what is
    written without a Ctx: the estate's files beside the translated Terraform)."""
    if wanted not in taken:
        return wanted
    word = PREFIX.get(target, "translated_")
    base = wanted if wanted.startswith(word) else word + wanted
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    return name


def scaffold_variable(ctx: Ctx, module: str, wanted: str,
                      make: Callable[[str], TfBlock]) -> str:
    """Declare the translation's variable `wanted` in `module` once (its scaffolding block
    `make(name)`, under its free name) and return that name; the block's key stays
    `variable.<wanted>`, so whoever asks after it (PF.pass_down) finds it by the wanted name."""
    name = free_variable_name(ctx, module, wanted)
    ctx.scaffold(f"variable.{wanted}", module, lambda: make(name))
    return name
