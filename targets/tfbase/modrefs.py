"""Follow a reference across module boundaries: `var.x` to the callers, `module.m.y` inside."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx

_DEPTH = 8  # module nesting seen in real code is 2-3; this bounds call cycles


def resolve_across(ctx: Ctx, expr: E.Expr | None, module: str,
                   depth: int = 0) -> N.Resource | None:
    """The source resource `expr` reads, through module inputs (`var.x` is the argument `x`
    of the calls of this module), outputs (`module.m.y` is output `y` of module `m`) and
    locals.  The result may live in another module: use its name only for facts (which
    subnet, which ranges), never to write a reference across modules."""
    if expr is None or depth > _DEPTH:
        return None
    direct = ctx.resolve(expr, module)
    if direct is not None:
        return direct
    for sub in E.walk(expr):
        t = E.traversal(sub)
        if not t or not t[1] or t[1][0][0] != "attr":
            continue
        root, name = t[0], str(t[1][0][1])
        found = None
        if root == "var":
            found = _from_callers(ctx, module, name, depth)
        elif root == "module" and (output := _output_name(ctx, module, name, t[1])):
            found = _from_output(ctx, module, name, output, depth)
        elif root == "local":
            found = next((r for n in _nodes(ctx, module, N.Locals)
                          if (r := resolve_across(ctx, n.arg(name), module, depth + 1))), None)
        if found is not None:
            return found
    return None


def _nodes(ctx: Ctx, module: str, kind: type[N.Node]) -> list[N.Node]:
    return ctx.by_module.of_kind(module, kind)


def _output_name(ctx: Ctx, module: str, call_name: str,
                 steps: list[E.Step]) -> str | None:
    """The output `module.<call>[key].<output>` reads: `[key]` only when it is one instance of
    a call with count (a number) or for_each (a string), so all instances share the child."""
    if len(steps) > 1 and steps[1][0] == "attr":
        return str(steps[1][1])
    if len(steps) < 3 or steps[1][0] != "index" or steps[2][0] != "attr":
        return None
    raw = steps[1][1]
    key = raw.value if isinstance(raw, E.Literal) else E.str_value(raw) \
        if isinstance(raw, E.Expr) else None
    for c in _nodes(ctx, module, N.ModuleCall):
        if isinstance(c, N.ModuleCall) and c.name == call_name:
            counted = c.arg("count") is not None and type(key) is int
            keyed = c.arg("for_each") is not None and isinstance(key, str)
            return str(steps[2][1]) if counted or keyed else None
    return None


def _from_callers(ctx: Ctx, module: str, name: str, depth: int) -> N.Resource | None:
    for caller, c in ctx.by_module.calls_of.get(module, []):
        found = resolve_across(ctx, c.arg(name), caller, depth + 1)
        if found is not None:
            return found
    return None


def _from_output(ctx: Ctx, module: str, call_name: str, output: str,
                 depth: int) -> N.Resource | None:
    for c in _nodes(ctx, module, N.ModuleCall):
        if isinstance(c, N.ModuleCall) and c.name == call_name and c.local_path is not None:
            for o in _nodes(ctx, c.local_path, N.Output):
                if isinstance(o, N.Output) and o.name == output:
                    return resolve_across(ctx, o.arg("value"), c.local_path, depth + 1)
    return None


def output_of(ctx: Ctx, module: str, via: E.Expr | None, target: N.Resource, type_: str,
              attrs: tuple[str, ...] = ("id", "self_link", "name")) -> E.Expr | None:
    """`module.<call>.<output>` for `target`, a single resource of the child module that
    `via` (`module.<call>.<other output>`) reads: the first output (by name) whose value the
    translated child writes as `<type_>.<target>.<one of attrs>`. None when there is no such
    output (a reference of another kind must not be guessed)."""
    if via is None or target.meta.count is not None or target.meta.for_each is not None:
        return None
    for sub in E.walk(via):
        t = E.traversal(sub)
        if not t or t[0] != "module" or not t[1] or t[1][0][0] != "attr":
            continue
        # An indexed call (`module.m[0].x`) keeps its index: the output is the instance's.
        prefix = [t[1][0]] + [step for step in t[1][1:2] if step[0] == "index"]
        calls = [c for c in _nodes(ctx, module, N.ModuleCall)
                 if isinstance(c, N.ModuleCall) and c.name == t[1][0][1]
                 and c.local_path == target.module]
        outputs = sorted((o for o in _nodes(ctx, target.module, N.Output)
                          if isinstance(o, N.Output)), key=lambda o: o.name) if calls else []
        for o in outputs:
            value = o.arg("value")
            if value is None or not _same(ctx.resolve(value, target.module), target):
                continue
            out = E.traversal(E.unwrap(ctx.rewrite(value, target.module)))
            if out in ((type_, [("attr", target.name), ("attr", a)]) for a in attrs):
                return E.build_traversal("module", prefix + [("attr", o.name)])
    return None


def _same(found: N.Resource | None, target: N.Resource) -> bool:
    return found is not None and found.address == target.address and \
        found.module == target.module


def passed_by_every_call(ctx: Ctx, module: str, expr: E.Expr | None,
                         kinds: tuple[str, ...]) -> list[tuple[str, N.ModuleCall, N.Resource]]:
    """(caller, call, resource) for each call of `module` when `expr` is `var.x` and every
    call passes `x` a managed resource of one of `kinds` declared in the calling module (so
    its translation's address is what the variable now holds); [] when the module has no
    call or one passes anything else."""
    t = E.traversal(expr) if expr is not None else None
    if not t or t[0] != "var" or len(t[1]) != 1 or t[1][0][0] != "attr":
        return []
    name = str(t[1][0][1])
    out: list[tuple[str, N.ModuleCall, N.Resource]] = []
    for caller, call in sorted(ctx.by_module.calls_of.get(module, []),
                               key=lambda c: (c[0], c[1].name)):
        found = ctx.resolve(call.arg(name), caller)
        if found is None or found.KIND not in kinds or found.mode != "managed" or \
                found.module != caller:
            return []
        out.append((caller, call, found))
    return out
