"""Hard-coded OVH S3 endpoints in emitted values: the target's endpoint of the same region."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iac_translate.compiler import endpoints
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks as W

from ..fit import fit_region
from ..hclwrite import TfBlock, todo
from .fitmap import UNAVAILABLE, unavailable_region

if TYPE_CHECKING:
    from iac_translate.compiler.ir import nodes as N

    from .context import Ctx

# What a target with no S3 API (Azure Blob Storage) reads instead: the endpoint of the S3
# gateway its owner puts in front of the storage, a variable with no default.
GATEWAY_VAR = "s3_gateway_endpoint"
NO_S3 = "IT365"


def replace(ctx: Ctx, lit: E.Literal | E.Template, module: str) -> E.Expr:
    """What stands for OVH S3 endpoint `lit` in `module`'s output, reported: the endpoint of
    the same region from the region table's `s3_endpoint` pattern, else the target's one
    endpoint (ctx.s3_endpoint), else the gateway variable; never the OVH endpoint."""
    shown = lit.value if isinstance(lit, E.Literal) else to_hcl(lit).strip('"')
    host = "://" not in str(shown)  # `s3.gra.io.cloud.ovh.net`: the source writes a host
    pattern = ctx.tables.regions.get("s3_endpoint")
    if pattern:
        out = _regional(ctx, lit, shown, _host_of(str(pattern)) if host else str(pattern),
                        module)
        if out is not None:
            return out
    if not ctx.s3_endpoint:
        return _gateway(ctx, lit, shown, module)
    why = " (its region is computed)" if pattern else ""
    url = _host_of(ctx.s3_endpoint) if host else ctx.s3_endpoint
    ctx.sink.add("IT301", lit.span, f"OVH S3 endpoint `{shown}` replaced by "
                 f"`{url}`{why}", "object paths and credentials must be migrated too")
    return E.Literal(url, span=lit.span)


def _host_of(url: str) -> str:
    """The host (and port) of an endpoint URL: what stands for an endpoint the source wrote
    as a host, which its expressions join into URLs of their own (`https://${b}.${var.x}/`
    would otherwise become `https://b.https://...`)."""
    return url.split("://", 1)[-1].rstrip("/")


def _regional(ctx: Ctx, lit: E.Literal | E.Template, shown: str, pattern: str,
              module: str) -> E.Expr | None:
    """The target endpoint of the endpoint's own region (a literal region, or one computed
    from what already holds a target region), a refusal where the target has none; None
    when the region cannot be told."""
    hint = "object paths and credentials must be migrated too"
    if isinstance(lit, E.Literal):
        code = endpoints.s3_region(str(lit.value))  # (every form the detector knows)
        fit = fit_region(code, ctx.tables) if code else None
        if code and fit is None and (refused := unavailable_region(ctx, code)) is not None:
            ctx.sink.add(UNAVAILABLE, lit.span, f"OVH S3 endpoint `{shown}` (region `{code}`): "
                         f"{refused[0]}", refused[1])
            return todo(UNAVAILABLE, f"S3 endpoint of region {code}")
        if fit is None:
            return None
        url = pattern.format(region=fit.region)
        ctx.sink.add("IT301", lit.span, f"OVH S3 endpoint `{shown}` replaced by `{url}` "
                     f"(OVH region `{code}` is {fit.region})", hint)
        return E.Literal(url, span=lit.span)
    holes = [p for p in lit.parts if isinstance(p, E.Interp)]
    if len(holes) != 1:
        return None
    region = ctx.rewrite(holes[0].expr, module)
    if not _holds_target_region(ctx, region, module):
        return None
    head, _, tail = pattern.partition("{region}")
    out = E.Template((head, E.Interp(region), tail), span=lit.span)
    ctx.sink.add("IT301", lit.span, f"OVH S3 endpoint `{shown}` replaced by "
                 f"`{to_hcl(out).strip(chr(34))}`", hint)
    return out


def _holds_target_region(ctx: Ctx, expr: E.Expr, module: str) -> bool:
    """True when `expr` reads only translated target resources and variables or locals whose
    values are mapped as regions (so it is a target region once rewritten)."""
    found = False
    for sub in E.walk(expr):
        if isinstance(sub, E.Literal) and isinstance(sub.value, str) and \
                sub.value.startswith("TODO("):
            return False
    # Outermost chains only: `var.region`'s prefix `var` (no name) holds no role, and asking
    # for it refused every variable (a fixed default-region endpoint, corpus terraform-ovh-s3).
    for t in W.outer_traversals(expr):
        root = t[0]
        if root in ("var", "local"):
            name = str(t[1][0][1]) if t[1] and t[1][0][0] == "attr" else ""
            if "region" not in ctx.roles_of(module, root, name):
                return False
        elif root.startswith(("ovh_", "openstack_", "aws_")) or root in ("each", "count", "data",
                                                                           "module"):
            return False
        found = True
    return found


def _gateway(ctx: Ctx, lit: E.Literal | E.Template, shown: str, module: str) -> E.Expr:
    """A target without an S3 API: the gateway variable, no OVH host or resource left."""
    cloud = ctx.words.get("cloud", ctx.target_name.upper())
    holder = _default_of(ctx, lit, module)
    if holder is not None:  # a variable's default cannot read another variable
        ctx.sink.add(NO_S3, lit.span, f"OVH S3 endpoint `{shown}`, the default of variable "
                     f"`{holder}`, is replaced by a placeholder: {cloud} has no S3-compatible "
                     "endpoint", f"set `{holder}` to the endpoint of an S3 gateway in front of "
                     f"the {cloud} storage, or move the S3 clients to the storage's own API")
        # (where the default was written: the variable made required is reported there)
        return E.Literal(todo(NO_S3, "the endpoint of an S3 gateway").value, span=lit.span)
    # (a free name: the author's variable of the wanted one keeps its own meaning)
    from .scaffold_names import scaffold_variable  # (it reads Ctx: not at import)
    var = scaffold_variable(ctx, module, GATEWAY_VAR, lambda name: _variable(cloud, name))
    ctx.sink.add(NO_S3, lit.span, f"OVH S3 endpoint `{shown}` is replaced by "
                 f"`var.{var}` (no default): {cloud} has no S3-compatible endpoint",
                 f"set it to the endpoint of an S3 gateway in front of the {cloud} storage "
                 "(a module's callers pass it), or move the S3 clients to the storage's own API")
    return E.ref(f"var.{var}")


def _default_of(ctx: Ctx, lit: E.Expr, module: str) -> str | None:
    """The variable of `module` whose declaration holds `lit` (its default), or None."""
    at = lit.span
    if at is None:
        return None
    for (mod, name), var in ctx.by_module.variables.items():
        s = var.span
        if mod == module and s is not None and s.file == at.file and \
                s.line <= at.line <= max(s.end_line, s.line):
            return name
    return None


def _variable(cloud: str, name: str) -> TfBlock:
    v = TfBlock("variable", (name,), comments=[
        f"scaffolding: {cloud} has no S3 API; what read an OVH S3 endpoint reads this"])
    v.set("description", E.Literal(f"Endpoint of the S3 gateway in front of the {cloud} "
                                   "storage (replaces the OVH S3 endpoint)"))
    v.set("type", E.Var("string"))
    return v


def pass_gateway(ctx: Ctx) -> None:
    """A child module reading `var.s3_gateway_endpoint` (no default; its free name where the
    source declares that one) gets it from each call,
    which reads its own module's variable, up to the root: a call not setting it stops
    terraform plan at a missing required argument (corpus howling-trader modules/state)."""
    from .provider_family import pass_down  # (it reads the provider tables: not at import)
    from .scaffold_names import free_variable_name, scaffold_variable
    cloud = ctx.words.get("cloud", ctx.target_name.upper())

    def fill(call: N.ModuleCall, block: TfBlock) -> bool:
        # (the callee's own name: its source may declare a variable of the wanted one)
        arg = free_variable_name(ctx, call.local_path or "", GATEWAY_VAR)
        if block.get(arg) is not None:
            return False  # the caller gives a value of its own
        var = scaffold_variable(ctx, call.module, GATEWAY_VAR,
                                lambda name: _variable(cloud, name))
        block.set(arg, E.ref(f"var.{var}"))
        return True
    pass_down(ctx, GATEWAY_VAR, fill)
