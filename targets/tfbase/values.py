"""Mapping of OVH vocabulary (regions, zones, flavors) inside expressions, following variables."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import todo
from .context import Ctx

# role -> (unknown-value code, human name)
ROLE_CODES = {"region": ("IT304", "region"), "zone": ("IT304", "availability zone"),
              "flavor": ("IT303", "flavor"), "db_flavor": ("IT303", "database flavor"),
              "db_version": ("IT308", "database version")}


def target_kind(ctx: Ctx, role: str) -> str:
    """What a variable holding `role` values must contain once translated (IT309
    messages), in the target's words (TerraformTarget.WORDS)."""
    base, _, engine = role.partition(":")
    own = ctx.words.get(role)  # the words of that engine or service, where a target has them
    said = own or ctx.words.get(base)
    if said is None:
        return f"a {ctx.target_name.upper()} {ROLE_CODES[base][1]}"
    if own is None and base == "db_version" and engine and engine != "postgresql" and \
            " (e.g. " in said:
        # the targets' examples are PostgreSQL versions: a MySQL variable told to hold
        # `PostgreSQL-16` would be misled, so another engine's gets the words without it
        said = said.split(" (e.g. ", 1)[0]
    return said


def role_code(role: str) -> tuple[str, str]:
    """Unknown-value code and human name of a role; `db_version:mysql` is a `db_version`."""
    return ROLE_CODES[role.split(":", 1)[0]]

Mapper = Callable[[str], str | None]


def map_leaves(expr: E.Expr, mapper: Mapper, ctx: Ctx, role: str, strict: bool) -> E.Expr:
    """Replace string literals that are OVH `role` values by `mapper(value)`.

    With `strict`, an unknown literal is an error-level placeholder (the value is used directly
    as a region/flavor); otherwise unknown strings are left alone (variable defaults may hold
    other data next to the mapped values).
    """
    code, what = role_code(role)

    def fn(node: E.Expr) -> E.Expr | None:
        value = E.str_value(node) if isinstance(node, E.Literal) else None
        if value is None:
            return None
        mapped = mapper(value)
        if mapped is not None:
            swap = ctx.mapping_notes.get((role, value))
            if swap is not None:  # e.g. a GPU the target does not offer (IT311)
                ctx.sink.add(swap[0], node.span, f"OVH {what} `{value}` mapped to `{mapped}`: "
                             f"{swap[1]}", swap[2])
            elif mapped != value:
                ctx.sink.add("IT306", node.span, f"OVH {what} `{value}` mapped to `{mapped}`")
            return E.Literal(mapped, span=node.span)
        if strict:
            ctx.sink.add(code, node.span, f"unknown OVH {what} `{value}`",
                         "add it with --mapping or replace the TODO placeholder")
            return todo(code, f"{what} {value}")
        return None

    return E.transform(expr, fn)


def map_value(expr: E.Expr | None, node: N.Resource, ctx: Ctx, role: str,
              mapper: Mapper) -> E.Expr | None:
    """Map a region/zone/flavor-valued argument: literals now, variables/locals via roles."""
    if expr is None:
        return None
    ctx.roles_from(expr, node.module, role)
    if node.meta.for_each is not None and any(
            (t := E.traversal(sub)) and t[0] == "each" for sub in E.walk(expr)):
        ctx.roles_from(node.meta.for_each, node.module, role)
    literal_only = E.str_value(expr) is not None
    mapped = map_leaves(expr, mapper, ctx, role, strict=literal_only)
    result = ctx.rewrite(mapped, node.module)
    if result is not mapped and not literal_only:
        # A lookup that is not translated reads back as its inputs (the registry capability
        # filter's `region` is the variable it was given): those hold `role` values too.
        ctx.roles_from(result, node.module, role)
    if not literal_only and not _all_followable(result):
        code, what = role_code(role)
        ctx.sink.add("IT309", expr.span, f"the {what} of {node.address} is not a value the "
                     f"translator can map; it is kept as written and must hold "
                     f"{target_kind(ctx, role)}")
    elif not literal_only:
        unset_variables(ctx, node, expr, role)
    return result


def unset_variables(ctx: Ctx, node: N.Resource, expr: E.Expr, role: str) -> None:
    """A root-module variable with no default that feeds `role`: whoever sets it must now give
    a target value, not the OVH one; say so where it is used (callers of child modules have
    their literal inputs mapped instead)."""
    if _has_caller(ctx, node.module):  # (the top directory too, called as ../..)
        return
    seen: set[str] = set()
    for t, at, through in _reads(ctx, node, expr):
        name = str(t[1][0][1])
        var = find_variable(ctx, node.module, name)
        if var is None or var.arg("default") is not None or name in seen:
            continue
        seen.add(name)
        _, what = role_code(role)
        via = " (through the locals or for_each it reads)" if through else ""
        ctx.sink.add("IT309", at.span or expr.span, f"variable `{name}` has no default and "
                     f"sets the {what} of {node.address}{via}: it must now be given "
                     f"{target_kind(ctx, role)}, not an OVH {what}",
                     "set it in terraform.tfvars or -var with the target value")


def _reads(ctx: Ctx, node: N.Resource, expr: E.Expr) -> list[tuple[tuple, E.Expr, bool]]:
    """(traversal, where the argument reads it, whether through something) of each `var.x`
    that `expr` reads, directly or through the module's locals and, for `each.*`, the
    node's for_each (a pool per zone of a map variable gets its zones from there); each
    local is followed once."""
    out: list[tuple[tuple, E.Expr, bool]] = []
    done: set[str] = set()
    todo: list[tuple[E.Expr, E.Expr | None]] = [(expr, None)]
    while todo:
        e, via = todo.pop()
        for sub, keyed in _walk(e):
            t = E.traversal(sub)
            if not t or not t[1] and t[0] != "each":
                continue
            at = via or sub  # (a local's or for_each's reads are said where it is read)
            if t[0] == "var" and t[1][0][0] == "attr":
                if via is None or not keyed:
                    out.append((t, at, via is not None))
            elif keyed:
                continue  # a key that picks a value (`local.by_env[each.key]`) is not one
            elif t[0] == "local" and t[1][0][0] == "attr" and (k := str(t[1][0][1])) not in done:
                done.add(k)
                todo.extend((v, at) for v in ctx.by_module.locals.get((node.module, k), []))
            elif t[0] == "each" and "each" not in done and node.meta.for_each is not None:
                done.add("each")
                todo.append((node.meta.for_each, at))
    return out


def _walk(e: E.Expr, keyed: bool = False) -> list[tuple[E.Expr, bool]]:
    """Every subexpression, and whether it sits in a key position: an index, or the key
    of lookup()/element()."""
    out = [(e, keyed)]
    if isinstance(e, E.Index):
        return out + _walk(e.obj, keyed) + _walk(e.key, True)
    if isinstance(e, E.Call) and e.name in ("lookup", "element") and len(e.args) >= 2:
        return out + _walk(e.args[0], keyed) + [x for a in e.args[1:] for x in _walk(a, True)]
    if isinstance(e, E.Call) and e.name in ("length", "range"):  # (a count, not a value)
        return out + [x for a in e.args for x in _walk(a, True)]
    if isinstance(e, E.ForExpr):
        # The collection gives values only where the result reads its elements.
        names = {e.value_var, *((e.key_var,) if e.key_var else ())}
        used = any(isinstance(v, E.Var) and v.name in names
                   for part in (e.value, e.key) if part is not None for v in E.walk(part))
        return out + _walk(e.collection, keyed or not used) + [
            x for part in (e.value, e.key, e.cond) if part is not None
            for x in _walk(part, keyed)]
    for kid in E.children(e):
        out += _walk(kid, keyed)
    return out


def _has_caller(ctx: Ctx, module: str) -> bool:
    return module in ctx.by_module.called


def _all_followable(expr: E.Expr) -> bool:
    """True when every reference is a var/local/each (mapped at its definition) or already a
    reference to a translated target resource."""
    for sub in E.walk(expr):
        t = E.traversal(sub)
        if t is None or t[0] in ("var", "local", "each", "count"):
            continue
        if t[0] == "module" or t[0].startswith("ovh_") or (
                t[0] == "data" and t[1] and str(t[1][0][1]).startswith("ovh_")):
            return False
    return True


def literal_str(expr: E.Expr | None, node: N.Resource, ctx: Ctx) -> str | None:
    """A literal value, or the literal default of a directly referenced variable, or the
    literal value of a local defined once."""
    if expr is None:
        return None
    s = E.str_value(expr)
    if s is not None:
        return s
    t = E.traversal(expr)
    if not (t and t[0] in ("var", "local") and t[1] and t[1][0][0] == "attr"):
        return None
    if t[0] == "local":
        # A local defined once (`region = "GRA11"`): its literal value, as for a default.
        defs = ctx.by_module.locals.get((node.module, str(t[1][0][1]))) or []
        value = defs[0] if len(defs) == 1 else None
    else:
        var = find_variable(ctx, node.module, str(t[1][0][1]))
        value = var.arg("default") if var is not None else None
    # `var.pg_type.flavor` with a map default: follow attribute/key steps into it.
    for kind, step in t[1][1:]:
        key = E.str_value(step) if isinstance(step, E.Expr) else str(step)
        if kind not in ("attr", "index") or key is None or not isinstance(value, E.Object):
            return None
        value = E.obj_get(value, key)
    return E.str_value(value)


def find_variable(ctx: Ctx, module: str, name: str) -> N.Variable | None:
    return ctx.by_module.variables.get((module, name))


def retarget_description(ctx: Ctx, args: tuple[tuple[str, E.Expr], ...], roles: set[str],
                         mapped: set[str]) -> tuple[tuple[str, E.Expr], ...]:
    """A variable whose values are now target values says so in its description (callers read
    it to know what to pass); `mapped` are the roles the target maps."""
    kinds = sorted({target_kind(ctx, r) for r in roles & mapped
                    if r.split(":", 1)[0] in ROLE_CODES})
    if not kinds:
        return args
    note = f"Takes {' or '.join(kinds)} (translated from OVHcloud)."
    desc = next((v for k, v in args if k == "description"), None)
    text = E.str_value(desc)
    if desc is not None and text is None:
        return args  # a computed description is left alone
    text = (text or "").rstrip()
    sep = " " if not text or text[-1] in ".!?" else ". "
    new = E.Literal(f"{text}{sep}{note}".strip(),
                    span=desc.span if desc is not None else None)
    if desc is None:
        return (("description", new),) + args
    return tuple((k, new if k == "description" else v) for k, v in args)
