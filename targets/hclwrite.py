"""Terraform emission model: blocks, attributes and comments rendered like `terraform fmt`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iac_translate.compiler.hcl.printer import align_assignments, quote, to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from .tfbase.printer_indent import reindent


# Slotted: a translation holds every emitted attribute and block until it is rendered
# (600,000 attributes at 20,000 resources), and a per-instance dict is most of their size.
@dataclass(slots=True)
class TfAttr:
    name: str
    value: E.Expr
    # Rendered as `# ...` lines above. A tuple: most attributes have none, and an empty list
    # per attribute was 23 MB at 20,000 resources.
    comments: tuple[str, ...] = ()


_SCAN = 8  # items a block is scanned through for an attribute, without an index


@dataclass(slots=True)
class TfBlock:
    type: str
    labels: tuple[str, ...] = ()
    items: list[TfAttr | TfBlock] = field(default_factory=list)
    # (A tuple until `note` adds one: most blocks have none.)
    comments: list[str] | tuple[str, ...] = ()
    # The source block it comes from (set when emitted): where final checks report.
    span: Span | None = field(default=None, compare=False, repr=False)
    # Attribute name -> position, valid while `items` is the same list of the same length
    # (others edit `items` directly): `set` in a loop stays linear, not quadratic. Only for
    # blocks past _SCAN items: a dict per block was 9 MB at 20,000 resources, and scanning a
    # few items is as fast.
    _index: dict[str, int] | None = field(default=None, init=False, compare=False, repr=False)
    # (One list reference and an int: an (id, len) tuple per block was 7 MB at 20,000 resources.)
    _indexed: list[TfAttr | TfBlock] | None = field(default=None, init=False, compare=False,
                                                     repr=False)
    _indexed_len: int = field(default=-1, init=False, compare=False, repr=False)

    def _position(self, name: str) -> int | None:
        items = self.items
        if len(items) <= _SCAN:
            for i, item in enumerate(items):
                if isinstance(item, TfAttr) and item.name == name:
                    return i
            return None
        index = self._index
        for attempt in (0, 1):
            if attempt or index is None or self._indexed is not items or \
                    self._indexed_len != len(items):
                index = {}
                for i, item in enumerate(items):
                    if isinstance(item, TfAttr):
                        index.setdefault(item.name, i)
                self._index, self._indexed, self._indexed_len = index, items, len(items)
            at = index.get(name)
            if at is None:
                return None
            item = items[at]
            if isinstance(item, TfAttr) and item.name == name:
                return at
        return None

    def set(self, name: str, value: E.Expr | None, comment: str | None = None) -> TfAttr | None:
        """Add (or replace) an attribute; a None value adds nothing."""
        if value is None:
            return None
        i = self._position(name)
        if i is not None:
            old = self.items[i]
            self.items[i] = TfAttr(name, value,
                                   tuple(old.comments) + ((comment,) if comment else ()))
            return self.items[i]  # type: ignore[return-value]
        attr = TfAttr(name, value, (comment,) if comment else ())
        self.items.append(attr)
        if self._index is not None and self._indexed is self.items:
            self._index[name] = len(self.items) - 1
            self._indexed_len = len(self.items)
        return attr

    def block(self, type_: str, *labels: str, comment: str | None = None) -> TfBlock:
        b = TfBlock(type_, tuple(labels), comments=(comment,) if comment else ())
        self.items.append(b)
        return b

    def find(self, type_: str) -> TfBlock | None:
        for item in self.items:
            if isinstance(item, TfBlock) and item.type == type_:
                return item
        return None

    def get(self, name: str) -> E.Expr | None:
        for item in self.items:
            if isinstance(item, TfAttr) and item.name == name:
                return item.value
        return None

    def note(self, text: str) -> None:
        self.comments = [*self.comments, text]

    def depend(self, *refs: E.Expr) -> None:
        """Append `refs` to depends_on, after the entries already there (the source's), each
        once."""
        old = self.get("depends_on")
        items = old.items if isinstance(old, E.Tuple) else (old,) if old is not None else ()
        seen = {to_hcl(i) for i in items}
        new = tuple(r for r in refs if to_hcl(r) not in seen)
        self.set("depends_on", E.Tuple(tuple(items) + new))


def render_blocks(blocks: list[TfBlock]) -> str:
    """Render top-level blocks separated by blank lines; ends with exactly one newline."""
    text = "\n".join(_render_block(b, 0) for b in blocks)
    return reindent(text) if closes_then_opens(text) else text


# A closing bracket, then on the same line an opening one with only blanks after it.
_CLOSES_THEN_OPENS = re.compile(r"[\]})][^\n]*[\[({][ \t]*$", re.M)


def closes_then_opens(text: str) -> bool:
    """Whether a line of `text` closes a bracket and then opens one at its end (`} : [`
    between the branches of a conditional): the only lines on which the printer's indentation
    by nesting and fmt's bracket counting differ (printer_indent.reindent), and rare; reindent
    re-lexed every file (8% of a 20,000-resource translation)."""
    return _CLOSES_THEN_OPENS.search(text) is not None


def _label(s: str) -> str:
    return quote(s)


def _render_block(b: TfBlock, indent: int) -> str:
    pad = " " * indent
    out = [f"{pad}# {c}\n" for c in _comment_lines(b.comments)] if b.comments else []
    if not b.type:  # a comment-only placeholder
        return "".join(out)
    head = " ".join([b.type, *[quote(lb) for lb in b.labels]]) if b.labels else b.type
    if not b.items:
        out.append(f"{pad}{head} {{}}\n")
        return "".join(out)
    out.append(f"{pad}{head} {{\n")
    out.append(_render_items(b.items, indent + 2, variable=indent == 0 and b.type == "variable"))
    out.append(f"{pad}}}\n")
    return "".join(out)


def _comment_lines(comments: list[str] | tuple[str, ...]) -> list[str]:
    return [line for c in comments for line in c.splitlines()]


_FIRST = ("count", "for_each", "provider")
_MEANINGLESS_EMPTY = ("lifecycle", "timeouts")
_LAST_ATTRS = ("depends_on",)


def _ordered(items: list[TfAttr | TfBlock]) -> list[TfAttr | TfBlock]:
    """Meta-arguments first, then attributes, nested blocks, depends_on, lifecycle."""
    # Ranks 0 to 4 in that order, each kept in its original order (what a stable sort by
    # rank gives); most bodies are attributes and then blocks, already in order.
    first: list[TfAttr | TfBlock] = []
    attrs: list[TfAttr | TfBlock] = []
    blocks: list[TfAttr | TfBlock] = []
    last: list[TfAttr | TfBlock] = []
    lifecycle: list[TfAttr | TfBlock] = []
    for item in items:
        if isinstance(item, TfAttr):
            name = item.name
            (first if name in _FIRST else last if name in _LAST_ATTRS else attrs).append(item)
        else:
            (lifecycle if item.type == "lifecycle" else blocks).append(item)
    if first or last or lifecycle:
        return first + attrs + blocks + last + lifecycle
    return attrs + blocks if blocks else attrs


_NOTHING: list[str] = []  # no line before an attribute (never written to)


def _render_items(items: list[TfAttr | TfBlock], indent: int, variable: bool = False) -> str:
    pad = " " * indent
    out: list[str] = []
    pairs: list[tuple[str, str, list[str]]] = []

    def flush() -> None:
        if pairs:
            out.append("\n".join(align_assignments(pairs, pad)) + "\n")
            pairs.clear()

    prev_block = False
    for item in _ordered(items):
        if isinstance(item, TfAttr):
            before = [""] if prev_block else _NOTHING  # (align_assignments only reads it)
            if item.comments:
                before = before + [f"{pad}# {c}" for c in _comment_lines(item.comments)]
            value = item.value
            if value.__class__ is E.Template:
                value = _unwrapped(value)
            if variable and item.name == "type":
                value = _type_expr(value)
            pairs.append((item.name, to_hcl(value, indent), before))
            prev_block = False
        elif item.type in _MEANINGLESS_EMPTY and not item.items:
            # `lifecycle {}` / `timeouts {}` change nothing (left when every entry of the
            # source's was dropped): only their comments, if any, are kept.
            if item.comments:
                flush()
                out.extend(["\n"] if prev_block else [])
                prev_block = False
                out.extend(f"{pad}# {c}\n" for c in _comment_lines(item.comments))
        else:
            flush()
            if out and not prev_block:
                out.append("\n")
            out.append(_render_block(item, indent))
            prev_block = True
    flush()
    return "".join(out)


def _type_expr(value: E.Expr) -> E.Expr:
    """A variable type as terraform fmt writes it: `list` is `list(any)`, and the legacy
    quoted `"string"`/`"list"`/`"map"` are `string`/`list(string)`/`map(string)`."""
    if isinstance(value, E.Var) and value.name in ("list", "map", "set"):
        return E.Call(value.name, (E.Var("any"),), span=value.span)
    legacy = E.str_value(value) if isinstance(value, E.Literal) else None
    if legacy == "string":
        return E.Var("string", span=value.span)
    if legacy in ("list", "map"):
        return E.Call(legacy, (E.Var("string"),), span=value.span)
    return value


def _unwrapped(value: E.Expr) -> E.Expr:
    """`"${x}"` as `x`: terraform fmt unwraps an attribute that is one interpolation."""
    if isinstance(value, E.Template) and value.heredoc is None and len(value.parts) == 1:
        part = value.parts[0]
        if isinstance(part, E.Interp) and not part.strip_left and not part.strip_right:
            return part.expr
    return value


def todo(code: str, text: str) -> E.Literal:
    """A greppable placeholder value for something a human must provide."""
    return E.Literal(f"TODO({code}): {text}")
