"""Reference rewriting: `ovh_type.name[...].attr...` -> the target's equivalent expression."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

# A rule maps the steps after `type.name[keys]` to an expression.  Pattern tokens are attribute
# names, "[*]" (a splat) or "[]" (any index).  Templates use `{self}` for the target address
# (with the instance keys), `{keys}` (`{keys:default}`) for those keys alone and `{k}` for
# index expressions consumed by "[]".
Rule = str | Callable[[E.Expr, list[E.Step]], E.Expr]
DROP = "__drop__"


@dataclass
class RefTarget:
    """What references to one source resource become."""

    self_ref: str | None  # e.g. "google_container_cluster.k"; None = lowered to nothing
    rules: dict[str, Rule] = field(default_factory=dict)
    fallback: str | None = "{self}.id"  # used for `id`; other unknown attrs are unresolved
    bare: str | None = "{self}"  # the reference without an attribute (depends_on)
    # The source resource whose instances the target is repeated like where the source
    # writes one (a router made per VPC, per interface): a reference naming no instance
    # reads them all (tfbase/context).
    made_per: N.Resource | None = None


def _pattern_tokens(pattern: str) -> list[str]:
    out: list[str] = []
    for part in pattern.replace("[", ".[").split("."):
        if part:
            out.append(part)
    return out


def _match(tokens: list[str], steps: list[E.Step]) -> list[E.Expr] | None:
    """Match steps against pattern tokens; return captured index keys, or None."""
    if len(steps) < len(tokens):
        return None
    keys: list[E.Expr] = []
    for tok, (kind, arg) in zip(tokens, steps):
        if tok == "[*]":
            if kind != "splat":
                return None
        elif tok == "[]":
            if kind != "index":
                return None
            assert isinstance(arg, E.Expr)
            keys.append(arg)
        elif kind != "attr" or arg != tok:
            return None
    return keys


def apply(target: RefTarget, head: E.Expr, steps: list[E.Step],
          keys: str | None = None) -> E.Expr | None:
    """Rewrite `head` (source address incl. instance keys, as target) + `steps`; None = no rule.
    `keys` is what `{keys}` writes when the instance is not in `head` (`[k]`: the key
    variable of a for expression over the instances)."""
    if not steps:
        return _render(target.bare, head, [], [], keys) if target.bare else None
    best: tuple[int, str, Rule, list[E.Expr]] | None = None
    for pattern, rule in target.rules.items():
        toks = _pattern_tokens(pattern)
        got = _match(toks, steps)
        if got is not None and (best is None or len(toks) > best[0]):
            best = (len(toks), pattern, rule, got)
    if best is None:
        if steps[0] == ("attr", "id") and target.fallback:
            return _render(target.fallback, head, steps[1:], [], keys)
        return None
    n, _, rule, found = best
    if callable(rule):
        return rule(head, steps[n:])
    if rule == DROP:
        return None
    return _render(rule, head, steps[n:], found, keys)


def _render(template: str, head: E.Expr, rest: list[E.Step], keys: list[E.Expr],
            own: str | None = None) -> E.Expr:
    text = template.replace("{self}", to_hcl(head))
    if "{keys" in template:
        # The reference's own instance keys, for a companion block of the same instance
        # (`scaleway_instance_ip.x{keys}`: `[0]` read from an output), else the default
        # after the colon (`{keys:[count.index]}`: the block's own instance), unless the
        # caller knows the instance (`own`: the key variable of a for expression).
        inner = head
        while isinstance(inner, (E.Index, E.Splat)):
            inner = inner.obj
        written = to_hcl(head)[len(to_hcl(inner)):] or own
        text = _KEYS.sub(lambda m: written or m.group(1) or "", text)
    for i, k in enumerate(keys):
        text = text.replace(f"{{k{i}}}", to_hcl(k))
    base = _parsed(text)
    for kind, arg in rest:
        if kind == "attr":
            assert isinstance(arg, str)
            base = E.GetAttr(base, arg)
        elif kind == "index":
            assert isinstance(arg, E.Expr)
            base = E.Index(base, arg)
        else:
            base = E.Splat(base, bool(arg))
    return base


_KEYS = re.compile(r"\{keys(?::([^{}]*))?\}")


@lru_cache(maxsize=4096)
def _parsed(text: str) -> E.Expr:
    # Expressions are immutable: one parse serves every reference that renders the same text
    # (each `x.id` of a resource referenced from several places).
    return parse_expression_text(text, "<rule>")


def unwrap_list_call(expr: E.Expr) -> E.Expr | None:
    """`tolist(x.attrs)[0].y` as the traversal `x.attrs[0].y`: converting a set to a list
    does not change which attribute is read, so the rules of `x` apply (None if not so)."""
    steps: list[E.Step] = []
    node = expr
    while isinstance(node, (E.GetAttr, E.Index, E.Splat)):
        if isinstance(node, E.GetAttr):
            steps.append(("attr", node.name))
        elif isinstance(node, E.Index):
            steps.append(("index", node.key))
        else:
            steps.append(("splat", node.full))
        node = node.obj
    if not steps or not isinstance(node, E.Call) or node.name not in ("tolist", "toset") or \
            len(node.args) != 1 or node.expand_final:
        return None
    inner = E.traversal(node.args[0])
    # A splat inside (`tolist(x.a[*].b)[0]`) already has its rules and is simplified after.
    if inner is None or steps[-1][0] == "attr" or any(k == "splat" for k, _ in inner[1]):
        return None
    return E.build_traversal(inner[0], inner[1] + steps[::-1], expr.span)


# (module, mode, type, name) of a source resource -> its new name
Renames = dict[tuple[str, str, str, str], str]


def rename_resources(model: N.Model, renames: Renames) -> N.Model:
    """The model with each renamed resource's label and every reference to it in its module
    (arguments, meta-arguments, nested blocks) changed: later passes see one consistent
    source, as if it had been written with the new name."""
    by_module: dict[str, dict[tuple[str, str, str], str]] = {}
    for (module, mode, type_, old), new in renames.items():
        by_module.setdefault(module, {})[(mode, type_, old)] = new
    modules = []
    for m in model.modules:
        table = by_module.get(m.path)
        if table is None:
            modules.append(m)
            continue

        def fn(e: E.Expr, table: dict[tuple[str, str, str], str] = table) -> E.Expr | None:
            # `type.old` (managed) and `data.type.old` are GetAttr(Var(type), old) at the root.
            if not isinstance(e, E.GetAttr):
                return None
            obj = e.obj
            if isinstance(obj, E.Var):
                new = table.get(("managed", obj.name, e.name))
            elif isinstance(obj, E.GetAttr) and isinstance(obj.obj, E.Var) and \
                    obj.obj.name == "data":
                new = table.get(("data", obj.name, e.name))
            else:
                return None
            return None if new is None else dataclasses.replace(e, name=new)
        modules.append(dataclasses.replace(m, nodes=tuple(_renamed(n, table, fn)
                                                          for n in m.nodes)))
    return dataclasses.replace(model, modules=tuple(modules))


def _renamed(node: N.Node, table: dict[tuple[str, str, str], str],
             fn: Callable[[E.Expr], E.Expr | None]) -> N.Node:
    args = tuple((k, E.transform(v, fn)) for k, v in node.args)
    labels = node.labels
    if isinstance(node, N.Resource):
        new = table.get((node.mode, node.type, node.name))
        if new is not None:
            labels = (labels[0], new, *labels[2:])
        m = node.meta
        meta = dataclasses.replace(
            m, **{f: E.transform(getattr(m, f), fn) for f in
                  ("count", "for_each", "depends_on", "provider", "lifecycle")
                  if getattr(m, f) is not None},
            extra=tuple((k, E.transform(v, fn)) for k, v in m.extra))
        return dataclasses.replace(node, labels=labels, args=args, meta=meta)
    return dataclasses.replace(node, args=args)
