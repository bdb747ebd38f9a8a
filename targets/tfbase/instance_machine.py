"""An OVH instance's flavor as the target's machine type, through the shared machine fit."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M

from .context import Ctx
from .fitmap import fit_of, machine_type_of
from .values import map_value


def instance_machine(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, choose: str,
                     todo: str) -> E.Expr:
    """The machine type of instance `node`: a flavor from a variable or local is kept as
    written (mapped where it is defined); a known one is fitted (IT306, IT311 when the GPU
    changes); an unknown one is an IT303 whose help is `choose` and a TODO naming `todo`."""
    at = spec.machine_source.span if spec.machine_source is not None else node.span
    t = E.traversal(spec.machine_source) if spec.machine_source is not None else None
    if t is not None and t[0] in ("var", "local") and spec.machine_via is None:
        return map_value(spec.machine_source, node, ctx, "flavor",
                         lambda s: machine_type_of(ctx, s)) or E.Literal("")
    fit = fit_of(ctx, spec.machine) if spec.machine.known else None
    if fit is None:
        ctx.sink.add("IT303", at, f"the flavor of {node.address} is not one the translator "
                     "knows" + (f" (it comes from {spec.machine_lookup.address})"
                                if spec.machine_lookup else ""), choose)
        return E.Literal(f"TODO(IT303): {todo}")
    gpu = spec.machine.gpu
    if gpu is not None and (fit.gpu_model != gpu.model or fit.gpu_count != gpu.count):
        ctx.sink.add("IT311", at, f"OVH flavor `{spec.machine.flavor}` ({gpu.count}x "
                     f"{gpu.model}) becomes {fit.machine_type} ({fit.gpu_count}x "
                     f"{fit.gpu_model or 'no GPU'})", fit.note)
    else:
        ctx.sink.add("IT306", at, f"OVH flavor `{spec.machine.flavor}` mapped to "
                     f"{fit.machine_type}")
    return E.Literal(fit.machine_type)
