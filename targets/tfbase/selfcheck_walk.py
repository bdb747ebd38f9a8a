"""The self-check's walks: references (with the names `for` and `dynamic` bind) and endpoints."""

from __future__ import annotations

from iac_translate.compiler.endpoints import endpoints_in, is_ovh, text_of
from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfBlock

# The self-check walks every value of every emitted block (at 20,000 resources, millions of
# nodes): each class is told apart by one identity test, children are read by the per-class
# readers (ir/kids.py) without a call per node, and a value both checks need is walked once.

Ref = tuple[E.Expr, str, list[E.Step]]  # the outermost traversal, its root, its steps
End = tuple[E.Expr, str]  # a literal or template naming an OVH endpoint, the attribute's name

# Attributes whose expressions are addresses or types, not values to resolve.
NOT_VALUES = {"ignore_changes", "providers", "type", "from", "to", "provider"}
WORDS = {"description", "display_name", "comment"}  # prose, not an endpoint in use

_LITERAL, _VAR, _FOR, _CALL, _TEMPLATE = E.Literal, E.Var, E.ForExpr, E.Call, E.Template
_LINKS = frozenset({E.GetAttr, E.Index, E.Splat})
_TRAVERSAL_KINDS = (E.GetAttr, E.Index, E.Splat, E.Var)


def literal(e: E.Expr | None) -> str | None:
    if isinstance(e, E.Literal) and isinstance(e.value, str):
        return e.value
    return None


def scoped_refs(e: E.Expr, bound: frozenset[str] = frozenset()) -> list[Ref]:
    """Every outermost traversal with its root, skipping names bound by `for` and `dynamic`,
    in pre-order."""
    out: list[Ref] = []
    if e.__class__ is not _LITERAL:  # most values: no reference, no children
        _scan(e, bound, out, None, "")
    return out


def _scan(e: E.Expr, bound: frozenset[str], refs: list[Ref], ends: list[End] | None,
          name: str) -> None:
    """scoped_refs of `e` into `refs` and, unless `ends` is None, endpoints_in(e) (with
    `name`) into `ends`: the same orders as the two walks apart. One stack of nodes: the
    names bound change only below a `for`, whose parts get a call of their own, in the order
    the stack would take them; a chain's nodes hold no text, only its index keys are walked."""
    stack = [e]
    pop, push, keep = stack.pop, stack.extend, refs.append
    leaf, fast, generic, traversal = E._EXPR_FIELDS.get, E._FAST_KIDS.get, E._generic_kids, \
        E.traversal
    while stack:
        e = pop()
        cls = e.__class__
        if cls is _LITERAL:
            if ends is not None:
                v = e.value
                if isinstance(v, str) and is_ovh(v):
                    ends.append((e, name))
            continue
        if cls is _VAR:  # a traversal of no steps
            if e.name not in bound:
                keep((e, e.name, []))
            continue
        if cls in _LINKS or isinstance(e, _TRAVERSAL_KINDS):
            t = traversal(e)
            if t is not None:
                if t[0] not in bound:
                    keep((e, t[0], t[1]))
                keys = [key for kind, key in t[1] if kind == "index" and isinstance(key, E.Expr)]
                keys.reverse()
                push(keys)
                continue
        if cls is _FOR or isinstance(e, E.ForExpr):
            assert isinstance(e, E.ForExpr)
            inner = bound | {v for v in (e.key_var, e.value_var) if v}
            _scan(e.collection, bound, refs, ends, name)
            for part in (e.value, e.key, e.cond):
                if part is not None:
                    _scan(part, inner, refs, ends, name)
            continue
        if cls is _CALL or isinstance(e, E.Call):  # function names are not references
            kids = list(e.args)
        else:
            if ends is not None and (cls is _TEMPLATE or isinstance(e, _TEMPLATE)):
                text = text_of(e)
                if text is not None and is_ovh(text):
                    ends.append((e, name))  # its literal parts are not reported again,
                    _scan(e, bound, refs, None, name)  # its references are
                    continue
            if leaf(cls) == ():
                continue
            f = fast(cls)
            kids = f(e) if f is not None else generic(e)
        kids.reverse()
        push(kids)


def scan_block(b: TfBlock, bound: frozenset[str], refs: list[Ref] | None,
               ends: list[End] | None) -> None:
    """The references of every value of `b` and its nested blocks (unless `refs` is None)
    and the endpoints in its attributes (unless `ends` is None), in the order of its items."""
    for item in b.items:
        if isinstance(item, TfBlock):
            inner = bound
            if refs is not None and item.type == "dynamic" and item.labels:
                it = literal(item.get("iterator")) or item.labels[0]
                inner = bound | {it}
                if isinstance(item.get("iterator"), E.Var):
                    inner = bound | {item.get("iterator").name}  # type: ignore[union-attr]
            scan_block(item, inner, refs, ends)
            continue
        value, name = item.value, item.name
        want_ends = ends is not None and name not in WORDS
        if value.__class__ is _LITERAL:  # most values: no reference, endpoints_in's one test
            text = value.value
            if want_ends and isinstance(text, str) and is_ovh(text):
                ends.append((value, name))  # type: ignore[union-attr]
            continue
        if refs is not None and name not in NOT_VALUES and \
                not (b.type == "variable" and name == "type"):
            _scan(value, bound, refs, ends if want_ends else None, name)
        elif want_ends:
            ends.extend((e, name) for e in endpoints_in(value))  # type: ignore[union-attr]
