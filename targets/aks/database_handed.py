"""Variables a Flexible Server's delegated subnet is handed in by, threaded up the module calls."""

from __future__ import annotations

from dataclasses import dataclass, field

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import readings
from ..tfbase.context import Ctx
from ..tfbase.provider_family import module_block
from ..tfbase.scaffold_names import free_variable_name, scaffold_variable
from . import common as C

# A variable with no default in a child module stops `terraform plan` at every call that does
# not set it (a missing required argument). So each call passes it on: a value the caller has
# (the id of the delegated subnet made beside the caller's VNet), else a variable of the
# caller's own module named after the call (`<call>_<name>`: two calls of one module get two
# subnets), up to the root, where plan asks for it by its description.
_DEPTH = 8  # module nesting seen in real code is 2-3; this bounds call cycles


@dataclass
class _Handed:
    module: str
    name: str  # the name wanted (the registry's key; `var`: the one declared, see variable)
    description: str
    why: str
    given: dict[tuple[str, str], E.Expr] = field(default_factory=dict)  # (caller, call) -> value
    var: str = ""


def _registry(ctx: Ctx) -> dict[tuple[str, str], _Handed]:
    return readings.index(ctx, "aks.delegated_handed", dict)


def declare(ctx: Ctx, module: str, name: str, description: str, why: str,
            given: dict[tuple[str, str], E.Expr] | None = None) -> E.Expr:
    """`var.<name>` of `module`: a required string variable (its block in the module's
    scaffold file), which pass_up gives from every call of the module."""
    entry = _registry(ctx).setdefault((module, name), _Handed(module, name, description, why))
    entry.given.update(given or {})

    def make(var: str) -> TfBlock:
        v = TfBlock("variable", (var,), comments=[f"scaffolding: {why}"])
        v.set("description", E.Literal(description))
        v.set("type", E.Var("string"))
        return v
    entry.var = scaffold_variable(ctx, module, name, make)
    return E.ref(f"var.{entry.var}")


def variable(ctx: Ctx, module: str, name: str) -> str:
    """The name the variable wanted as `name` is declared under in `module` (another where
    the source module declares one of that name: scaffold_names)."""
    return free_variable_name(ctx, module, name)


def wanted(ctx: Ctx, module: str, var: str) -> str:
    """The name wanted for the handed variable declared as `var` in `module` (itself when
    no handed variable is declared under it)."""
    for (m, name), h in _registry(ctx).items():
        if m == module and h.var == var:
            return name
    return var


def roots(ctx: Ctx, module: str, name: str, depth: int = 0) -> list[str]:
    """Where a human sets the variable wanted as `name` of `module`: `var.<name>` of each
    root up the calls (pass_up's names, as declared)."""
    calls = ctx.by_module.calls_of.get(module, [])
    if not calls or depth >= _DEPTH:
        return [f"var.{variable(ctx, module, name)}" +
                ("" if C.module_is_root(ctx, module) else f" of {module}")]
    return [r for caller, call in calls
            for r in roots(ctx, caller, up_name(call, name), depth + 1)]


def given(ctx: Ctx, module: str, name: str) -> str:
    """How a human gives the variable wanted as `name` of `module`, for a diagnostic: "no
    default", and in a child module the root variables its calls pass it from."""
    if C.module_is_root(ctx, module):
        return "no default"
    # Sorted: the calls come in the order of the input's blocks, which must not show.
    return f"no default; the calls pass it from {', '.join(sorted(roots(ctx, module, name)))}"


def up_name(call: N.ModuleCall, name: str) -> str:
    return f"{call.name}_{name}"


def pass_up(ctx: Ctx) -> None:
    """Every call of a module given a handed variable sets it (after the calls are lowered)."""
    todo = list(_registry(ctx).values())
    depth = 0
    while todo and depth < _DEPTH:
        later: list[_Handed] = []
        for h in todo:
            for caller, call in ctx.by_module.calls_of.get(h.module, []):
                block = module_block(ctx, call)
                var = h.var  # (the declared name: the call sets that argument)
                if block is None or block.get(var) is not None:
                    continue  # (not emitted, or the author passes a value of their own)
                value = h.given.get((caller, call.name))
                if value is None:
                    up = up_name(call, h.name)
                    value = declare(ctx, caller, up, f"{h.description} (passed to module "
                                    f"{call.name} as {var})", h.why)
                    later.append(_registry(ctx)[(caller, up)])
                block.set(var, value)
        todo, depth = later, depth + 1
