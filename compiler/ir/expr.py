"""The typed HCL expression tree, kept unevaluated so references can be rewritten."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from sys import intern

from ..span import Span


# Nodes are immutable by convention, not frozen: a frozen dataclass's __init__ sets each field
# through object.__setattr__, four times the cost of plain slot stores, and parsing and
# lowering build hundreds of thousands of nodes.  Never assign to a node's field; only its
# maker may set a fresh node's span (the parser, via object.__setattr__).  unsafe_hash gives
# the hash a frozen class had (its compared fields), so nodes stay usable as keys.
@dataclass(slots=True, unsafe_hash=True)
class Expr:
    """Base of every expression node; spans never take part in equality."""

    span: Span | None = field(default=None, compare=False, kw_only=True, repr=False)


@dataclass(slots=True, unsafe_hash=True)
class Literal(Expr):
    """A string, number, bool or null; `raw` keeps a number's source spelling."""

    value: str | int | float | bool | None
    raw: str | None = field(default=None, compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Interp(Expr):
    """`${expr}` inside a template; strip flags are the `~` markers."""

    expr: Expr
    strip_left: bool = False
    strip_right: bool = False


@dataclass(slots=True, unsafe_hash=True)
class Directive(Expr):
    """`%{if x}`, `%{for k, v in x}`, `%{else}`, `%{endif}`, `%{endfor}` inside a template."""

    keyword: str
    head: str = ""
    expr: Expr | None = None
    strip_left: bool = False
    strip_right: bool = False


TemplatePart = str | Interp | Directive


@dataclass(slots=True, unsafe_hash=True)
class Template(Expr):
    """A quoted string or heredoc containing interpolations or directives."""

    parts: tuple[TemplatePart, ...]
    heredoc: str | None = None  # the marker, e.g. "EOT"; None for a quoted string
    indent: bool = False  # True for `<<-`


@dataclass(slots=True, unsafe_hash=True)
class Var(Expr):
    """A root name: var, local, module, data, each, count, a resource type, a function arg."""

    name: str


@dataclass(slots=True, unsafe_hash=True)
class GetAttr(Expr):
    obj: Expr
    name: str


@dataclass(slots=True, unsafe_hash=True)
class Index(Expr):
    obj: Expr
    key: Expr
    legacy: bool = False  # `x.0` instead of `x[0]`


@dataclass(slots=True, unsafe_hash=True)
class Splat(Expr):
    """`x[*]` (full) or `x.*` (attribute-only)."""

    obj: Expr
    full: bool = True


@dataclass(slots=True, unsafe_hash=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...] = ()
    expand_final: bool = False  # `f(xs...)`


@dataclass(slots=True, unsafe_hash=True)
class Unary(Expr):
    op: str
    operand: Expr


@dataclass(slots=True, unsafe_hash=True)
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass(slots=True, unsafe_hash=True)
class Conditional(Expr):
    cond: Expr
    then: Expr
    other: Expr


@dataclass(slots=True, unsafe_hash=True)
class Parens(Expr):
    expr: Expr


@dataclass(slots=True, unsafe_hash=True)
class Tuple(Expr):
    items: tuple[Expr, ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class Object(Expr):
    """An object constructor; a bare-identifier key is a `Var` holding the key name."""

    items: tuple[tuple[Expr, Expr], ...] = ()
    labels: tuple[str, ...] = ()  # set when the object is the body of a labelled nested block


@dataclass(slots=True, unsafe_hash=True)
class ForExpr(Expr):
    key_var: str | None
    value_var: str
    collection: Expr
    value: Expr
    key: Expr | None = None  # set for `{for ...: k => v}`
    cond: Expr | None = None
    grouping: bool = False  # `...` after the value


@dataclass(slots=True, unsafe_hash=True)
class DynamicBlock(Expr):
    """A `dynamic "label" { for_each, iterator, labels, content {} }` nested block."""

    label: str
    for_each: Expr
    content: Object
    iterator: str | None = None
    labels: Expr | None = None


@dataclass(slots=True, unsafe_hash=True)
class BlockSeq(Expr):
    """Nested blocks of one type, as written (`x {}` repeated) or as dynamic blocks."""

    items: tuple[Object | DynamicBlock, ...] = ()


Step = tuple[str, str] | tuple[str, Expr] | tuple[str, bool]


def traversal(expr: Expr) -> tuple[str, list[Step]] | None:
    """Split `a.b[0].c` into ("a", [("attr","b"), ("index",0), ("attr","c")]); None if not one."""
    cls = expr.__class__  # the passes ask this of every node: most are answered here
    if cls is Var:
        return expr.name, []  # type: ignore[attr-defined]
    if cls not in _LINKS and not isinstance(expr, _TRAVERSAL_KINDS):
        return None
    steps: list[Step] = []
    append = steps.append
    node = expr
    while True:
        # Exact classes first (one identity test per level); subclasses take the isinstance tests.
        c = node.__class__
        if c is GetAttr:
            append(("attr", node.name))  # type: ignore[attr-defined]
            node = node.obj  # type: ignore[attr-defined]
        elif c is Index:
            append(("index", node.key))  # type: ignore[attr-defined]
            node = node.obj  # type: ignore[attr-defined]
        elif c is Var:
            steps.reverse()
            return node.name, steps  # type: ignore[attr-defined]
        elif c is Splat:
            append(("splat", node.full))  # type: ignore[attr-defined]
            node = node.obj  # type: ignore[attr-defined]
        elif isinstance(node, GetAttr):
            steps.append(("attr", node.name))
            node = node.obj
        elif isinstance(node, Index):
            steps.append(("index", node.key))
            node = node.obj
        elif isinstance(node, Splat):
            steps.append(("splat", node.full))
            node = node.obj
        elif isinstance(node, Var):
            steps.reverse()
            return node.name, steps
        else:
            return None


_LINKS = frozenset({GetAttr, Index, Splat})
_TRAVERSAL_KINDS = (GetAttr, Index, Splat, Var)


def build_traversal(root: str, steps: list[Step], span: Span | None = None) -> Expr:
    """Inverse of `traversal`."""
    node: Expr = Var(root, span=span)
    for kind, arg in steps:
        if kind == "attr":
            assert isinstance(arg, str)
            node = GetAttr(node, arg, span=span)
        elif kind == "index":
            assert isinstance(arg, Expr)
            node = Index(node, arg, span=span)
        else:
            node = Splat(node, bool(arg), span=span)
    return node


def ref(path: str, span: Span | None = None) -> Expr:
    """Build a reference expression from dotted text such as `google_container_cluster.k.id`."""
    # Interned: the same attribute names (`id`, `name`) are built thousands of times.
    root, *rest = map(intern, path.split("."))
    return build_traversal(root, [("attr", p) for p in rest], span)


def lit(value: str | int | float | bool | None, span: Span | None = None) -> Literal:
    return Literal(value, span=span)


# Field names (all but `span`) per node class: dataclasses.fields() builds a new tuple of
# Field objects per call, and the walkers below ask for every node of every expression.
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(expr: Expr) -> tuple[str, ...]:
    names = _CHILD_FIELDS.get(type(expr))
    if names is None:
        names = _CHILD_FIELDS[type(expr)] = tuple(f.name for f in fields(expr)
                                                  if f.name != "span")
    return names


# Annotations of fields that never hold an expression: the walkers skip them, so leaves
# (Literal, Var) cost one dictionary lookup.
_PLAIN = {"str", "bool", "int", "str | None", "bool | None", "tuple[str, ...]",
          "str | int | float | bool | None"}
_EXPR_FIELDS: dict[type, tuple[str, ...]] = {}


def _expr_fields(cls: type) -> tuple[str, ...]:
    names = _EXPR_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.name != "span" and
                                      not (isinstance(f.type, str) and f.type in _PLAIN))
    return names


# Class -> its own child reader (ir/kids.py, registered on import of the package): the same
# list as _generic_kids, without the loop over field names.
_FAST_KIDS: dict[type, Callable[..., list[Expr]]] = {}


def _kids(expr: Expr) -> list[Expr]:
    """Direct sub-expressions in order, as a list (walk's hot path: no nested generators)."""
    fast = _FAST_KIDS.get(expr.__class__)
    return fast(expr) if fast is not None else _generic_kids(expr)


def _generic_kids(expr: Expr) -> list[Expr]:
    """_kids read from the dataclass fields: every value that is an expression, also inside
    tuple fields and the (key, value) pairs of an object."""
    out: list[Expr] = []
    names = _EXPR_FIELDS.get(expr.__class__)
    for name in names if names is not None else _expr_fields(expr.__class__):
        v = getattr(expr, name)
        if isinstance(v, Expr):
            out.append(v)
        elif isinstance(v, tuple):
            for item in v:
                if isinstance(item, Expr):
                    out.append(item)
                elif isinstance(item, tuple):  # (key, value) of an object: no generator
                    for x in item:
                        if isinstance(x, Expr):
                            out.append(x)
    return out


def child_list(expr: Expr) -> list[Expr]:
    """Direct sub-expressions in order, as a new list (for walkers with their own stack)."""
    return _kids(expr)


def children(expr: Expr) -> Iterator[Expr]:
    """Yield direct sub-expressions (generic over the dataclass fields)."""
    yield from _kids(expr)


def walk(expr: Expr) -> Iterator[Expr]:
    """Pre-order walk of an expression tree."""
    stack = [expr]
    leaf, fast = _EXPR_FIELDS.get, _FAST_KIDS.get
    while stack:
        node = stack.pop()
        yield node
        cls = node.__class__
        if leaf(cls) == ():
            continue
        f = fast(cls)
        kids = f(node) if f is not None else _generic_kids(node)
        kids.reverse()
        stack.extend(kids)


def transform(expr: Expr, fn: Callable[[Expr], Expr | None]) -> Expr:
    """Rebuild `expr` bottom-up; `fn(node)` returns a replacement or None to keep it."""
    changes: dict[str, object] = {}
    for name in _child_fields(expr):
        v = getattr(expr, name)
        nv: object = v
        if isinstance(v, Expr):
            nv = transform(v, fn)
        elif isinstance(v, tuple):
            nv = tuple(_transform_item(item, fn) for item in v)
        if nv is not v and nv != v:
            changes[name] = nv
    node = replace(expr, **changes) if changes else expr  # type: ignore[arg-type]
    out = fn(node)
    return node if out is None else out


def _transform_item(item: object, fn: Callable[[Expr], Expr | None]) -> object:
    if isinstance(item, Expr):
        return transform(item, fn)
    if isinstance(item, tuple):
        return tuple(transform(x, fn) if isinstance(x, Expr) else x for x in item)
    return item


def key_name(key: Expr) -> str | None:
    """The static name of an object key (`a` or `"a"`), else None."""
    if isinstance(key, Var):
        return key.name
    if isinstance(key, Literal) and isinstance(key.value, str):
        return key.value
    return None


def obj_get(obj: Expr | None, name: str) -> Expr | None:
    """Value of key `name` in an object constructor, or None."""
    if isinstance(obj, Object):
        for k, v in obj.items:
            if key_name(k) == name:
                return v
    return None


def unwrap(expr: Expr) -> Expr:
    """`"${x}"` is x itself in Terraform (a lone interpolation keeps the value's type)."""
    if isinstance(expr, Template) and expr.heredoc is None and len(expr.parts) == 1:
        part = expr.parts[0]
        if isinstance(part, Interp) and not (part.strip_left or part.strip_right):
            return part.expr
    return expr


def str_value(expr: Expr | None) -> str | None:
    """The value of a plain string literal (also a template with no interpolation)."""
    if isinstance(expr, Literal) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, Template) and all(isinstance(p, str) for p in expr.parts):
        return "".join(p for p in expr.parts if isinstance(p, str))
    return None


def transform_children(expr: Expr, fn: Callable[[Expr], Expr]) -> Expr:
    """Rebuild `expr` with `fn` applied to each direct child expression (top-down helper)."""
    changes: dict[str, object] = {}
    for name in _child_fields(expr):
        v = getattr(expr, name)
        if isinstance(v, Expr):
            nv: object = fn(v)
        elif isinstance(v, tuple):
            nv = tuple(fn(x) if isinstance(x, Expr) else
                       (tuple(fn(y) if isinstance(y, Expr) else y for y in x)
                        if isinstance(x, tuple) else x) for x in v)
        else:
            continue
        if nv != v:
            changes[name] = nv
    return replace(expr, **changes) if changes else expr  # type: ignore[arg-type]
