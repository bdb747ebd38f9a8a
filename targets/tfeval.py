"""Static string values of emitted Terraform: literals, locals, variable defaults, functions."""

from __future__ import annotations

import hashlib
import operator
import posixpath
import re
from collections.abc import Callable

from iac_translate.compiler.hcl.ast import Body
from iac_translate.compiler.ir import expr as E

from .hclwrite import TfAttr, TfBlock


class Scope:
    """The locals and variable defaults of each module directory of a set of files."""

    def __init__(self, bodies: dict[str, Body]) -> None:
        self._values: dict[tuple[str, str, str], E.Expr] = {}
        # module directory -> (caller directory, the call's arguments) for each local call
        self._calls: dict[str, list[tuple[str, dict[str, E.Expr]]]] = {}
        for path, body in bodies.items():
            d = posixpath.dirname(path)
            for b in body.blocks("locals"):
                for a in b.body.attributes():
                    self._values[(d, "local", a.name)] = a.expr
            for b in body.blocks("variable"):
                default = b.body.attr("default")
                if b.labels and default is not None:
                    self._values[(d, "var", b.labels[0])] = default.expr
            for b in body.blocks("module"):
                self._call(d, {a.name: a.expr for a in b.body.attributes()})

    def _call(self, d: str, args: dict[str, E.Expr]) -> None:
        source = E.str_value(args.get("source"))
        if source and source.startswith(("./", "../")) and not any(
                k in args for k in ("count", "for_each")):
            callee = posixpath.normpath(posixpath.join(d, source))
            self._calls.setdefault("" if callee == "." else callee, []).append((d, args))

    @classmethod
    def of_blocks(cls, files: dict[str, list[TfBlock]]) -> Scope:
        """The scope of blocks about to be written (output path -> blocks)."""
        scope = cls({})
        for path, blocks in files.items():
            d = posixpath.dirname(path)
            for b in blocks:
                if b.type == "locals":
                    for item in b.items:
                        if isinstance(item, TfAttr):
                            scope._values[(d, "local", item.name)] = item.value
                elif b.type == "variable" and b.labels:
                    default = b.get("default")
                    if default is not None:
                        scope._values[(d, "var", b.labels[0])] = default
                elif b.type == "module":
                    scope._call(d, {i.name: i.value for i in b.items if isinstance(i, TfAttr)})
        return scope

    def string(self, expr: E.Expr | None, path: str) -> str | None:
        """The string `expr` (in file `path`) always evaluates to, or None when it depends on
        something only known at plan time (a resource attribute, a variable with no default,
        a function this evaluator does not know)."""
        return _eval(expr, posixpath.dirname(path), self, 0)

    def resolve(self, expr: E.Expr | None, path: str) -> E.Expr | None:
        """The expression a `var.x` / `local.x` reference stands for (its default or
        definition, followed through further references), else `expr` itself."""
        d = posixpath.dirname(path)
        for _ in range(_DEPTH):
            if isinstance(expr, E.GetAttr) and isinstance(expr.obj, E.Var) and \
                    expr.obj.name in ("var", "local"):
                found = self.lookup(d, expr.obj.name, expr.name)
                if found is None:
                    return expr
                expr = found
            else:
                break
        return expr

    def lookup(self, d: str, root: str, name: str) -> E.Expr | None:
        return self._values.get((d, root, name))

    def argument(self, d: str, name: str, depth: int) -> str | None:
        """A module variable's value from its callers' arguments, when every call of the
        module passes one and they all evaluate to the same string."""
        calls = self._calls.get(d, [])
        found = {_eval(args.get(name), caller, self, depth + 1) for caller, args in calls}
        return found.pop() if len(found) == 1 and None not in found else None


_DEPTH = 16  # locals referring to locals: deeper chains are left unevaluated


def _eval(e: E.Expr | None, d: str, scope: Scope, depth: int) -> str | None:
    if e is None or depth > _DEPTH:
        return None
    if isinstance(e, E.Literal):
        v = e.value
        if isinstance(v, bool) or v is None:
            return None
        return str(v) if isinstance(v, str) else (e.raw or str(v))
    if isinstance(e, E.Template):
        if e.heredoc is not None:
            return None
        out = []
        for part in e.parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, E.Interp):
                s = _eval(part.expr, d, scope, depth + 1)
                if s is None:
                    return None
                out.append(s)
            else:
                return None
        return "".join(out)
    if isinstance(e, E.GetAttr) and isinstance(e.obj, E.Var) and e.obj.name in ("var", "local"):
        found = scope.lookup(d, e.obj.name, e.name)
        if found is None and e.obj.name == "var":
            return scope.argument(d, e.name, depth)
        return _eval(found, d, scope, depth + 1)
    if isinstance(e, E.Conditional):
        cond = _eval(e.cond, d, scope, depth + 1)
        return _eval(e.then if cond == "true" else e.other, d, scope, depth + 1) \
            if cond in ("true", "false") else None
    if isinstance(e, E.Binary) and e.op in _COMPARE:
        left, right = _eval(e.left, d, scope, depth + 1), _eval(e.right, d, scope, depth + 1)
        if left is None or right is None or not (left.isdigit() and right.isdigit()):
            return None
        return "true" if _COMPARE[e.op](int(left), int(right)) else "false"
    if isinstance(e, E.Call) and e.name == "one":
        return _one(e, d, scope, depth)
    if isinstance(e, E.Call) and e.name in _FUNCTIONS:
        args = [_eval(a, d, scope, depth + 1) for a in e.args]
        if any(a is None for a in args):
            return None
        try:
            return _FUNCTIONS[e.name]([a for a in args if a is not None])
        except (ValueError, IndexError, re.error):
            return None
    return None


def _one(e: E.Call, d: str, scope: Scope, depth: int) -> str | None:
    """`one([for name in [X] : body])`, the form naming.Style.wrap binds a cleaned name with:
    the body with the one element's value for its variable."""
    f = e.args[0] if len(e.args) == 1 else None
    if not (isinstance(f, E.ForExpr) and f.key is None and f.cond is None and f.key_var is None
            and isinstance(f.collection, E.Tuple) and len(f.collection.items) == 1):
        return None
    item = _eval(f.collection.items[0], d, scope, depth + 1)
    if item is None:
        return None
    bound = E.transform(f.value, lambda x: E.Literal(item) if isinstance(x, E.Var)
                        and x.name == f.value_var else None)
    return _eval(bound, d, scope, depth + 1)


_COMPARE: dict[str, Callable[[int, int], bool]] = {
    ">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le}


def _replace(args: list[str]) -> str:
    s, old, new = args
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        return re.sub(old[1:-1], new.replace("$", "\\"), s)
    return s.replace(old, new)


def _substr(args: list[str]) -> str:
    s, offset, length = args[0], int(args[1]), int(args[2])
    return s[offset:] if length == -1 else s[offset:offset + length]


_FUNCTIONS: dict[str, Callable[[list[str]], str]] = {
    "lower": lambda a: a[0].lower(),
    "upper": lambda a: a[0].upper(),
    "trim": lambda a: a[0].strip(a[1]),
    "trimspace": lambda a: a[0].strip(),
    "replace": _replace,
    "substr": _substr,
    "length": lambda a: str(len(a[0])),
    "sha1": lambda a: hashlib.sha1(a[0].encode("utf-8")).hexdigest(),
}
