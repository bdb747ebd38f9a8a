"""Names the target accepts: one last pass rewrites literal names and wraps computed ones."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx, module_of

# Roots whose references already carry a valid name (another emitted object's name).
_SAFE_ROOTS = ("data",)
# The `for` variable a wrapped name binds its cleaned value to (see Style.wrap).
_NAME_VAR = "name"
# Limits up to which a computed name too long keeps a hash of its whole value: short limits
# (a storage account's 24, a node pool's 12) cut most names built from parts, and cut at its
# start `${project}-${bucket}` leaves the project alone; past them, a cut is rare and the
# plain `trim(substr(...))` reads better.
_HASHED_UP_TO = 32


@dataclass(frozen=True)
class Style:
    name: str
    pattern: re.Pattern[str]
    min: int
    max: int
    lowercase: bool
    invalid: str  # a regex character class of what may not appear
    prefix: str
    pad: str
    reserved: tuple[tuple[str, str], ...]
    source: str

    def valid(self, s: str) -> bool:
        return self.min <= len(s) <= self.max and bool(self.pattern.match(s)) and \
            not any(re.search(p, s) for p, _ in self.reserved)

    @property
    def sep(self) -> str:
        """What joins the parts of a name: a hyphen where the style accepts one inside a
        name, else an underscore where it accepts that, else nothing (AKS node pools,
        storage accounts and registries are letters and digits only)."""
        return next((c for c in "-_" if self.pattern.match(f"a{c}a")), "")

    def normalise(self, s: str) -> str:
        """Deterministic: the same input always gives the same name, so two places that
        must agree (a subnet's range and the cluster's reference to it) still agree."""
        out = s.lower() if self.lowercase else s
        for pattern, repl in self.reserved:
            out = re.sub(pattern, repl, out)
        sep = self.sep
        out = re.sub(f"(?:{self.invalid})+", sep, out)
        out = re.sub(r"^[^a-z0-9]+|[^a-z0-9]+$", "", out)
        first = self.pattern.pattern[1:self.pattern.pattern.index("]") + 1]
        if not out or not re.match(first, out[0]):
            out = self.prefix + out
        while len(out) < self.min:
            out = (out + self.pad) if self.pad and self.pad not in out else f"{out}{sep}{_h(s)}"
        if len(out) > self.max:
            out = out[:self.max - len(sep) - 4].rstrip("-._") + sep + _h(s)
        if not self.valid(out):  # nothing recognisable survived: a stable made-up name
            out = (self.prefix + _h(s) + (self.pad or ""))[:self.max]
        return out

    def wrap(self, e: E.Expr) -> E.Expr:
        """`trim(substr(replace(lower(X), "/[^a-z0-9-]/", "-"), 0, max), "-")`; for a short
        limit (_HASHED_UP_TO) `trim(one([for name in [replace(lower(X), "/[^a-z0-9-]/", "-")]
        : length(name) > max ? "${substr(name, 0, max - 7)}-${substr(sha1(name), 0, 6)}" :
        name]), "-")`:
        plain Terraform functions, so the value stays a string the provider schema accepts
        (refused characters become the style's separator: none where a hyphen is refused).
        A value too long keeps its start and a hash of all of it, so names that differ only
        past the limit (`${project}-${bucket}`) stay distinct; the one-element `for` computes
        the cleaned value once instead of writing it three times."""
        inner = E.Call("lower", (e,)) if self.lowercase else e
        replaced = E.Call("replace", (inner, E.Literal(f"/{self.invalid}/"),
                                      E.Literal(self.sep)))
        if self.max > _HASHED_UP_TO:
            cut0 = E.Call("substr", (replaced, E.Literal(0), E.Literal(self.max)))
            return E.Call("trim", (cut0, E.Literal("-")), span=e.span)
        name = E.Var(_NAME_VAR)
        keep = self.max - len(self.sep) - 6
        head: E.Expr = E.Call("substr", (name, E.Literal(0), E.Literal(keep)))
        if self.sep:  # no separator doubled (or left) where the cut falls on one
            head = E.Call("trim", (head, E.Literal(self.sep)))
        tail = E.Call("substr", (E.Call("sha1", (name,)), E.Literal(0), E.Literal(6)))
        cut = E.Conditional(E.Binary(">", E.Call("length", (name,)), E.Literal(self.max)),
                            E.Template((E.Interp(head), *((self.sep,) if self.sep else ()),
                                        E.Interp(tail))), name)
        once = E.Call("one", (E.ForExpr(None, _NAME_VAR, E.Tuple((replaced,)), cut),))
        return E.Call("trim", (once, E.Literal("-")), span=e.span)


def _h(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:4]


def styles(table: dict[str, Any], key: str = "fields") -> dict[tuple[str, ...], Style]:
    """(resource type, nested block..., argument) -> Style, from a naming table."""
    made = {k: Style(k, re.compile(v["pattern"]), v["min"], v["max"], v["lowercase"],
                     v["invalid"], v["prefix"], v.get("pad", ""),
                     tuple((r["pattern"], r["replace"]) for r in v.get("reserved", [])),
                     v["source"]) for k, v in table["styles"].items()}
    return {tuple(path.split(".")): made[style]
            for path, style in table.get(key, {}).items()}


def literal_text(e: E.Expr) -> str | None:
    """The text of a name written without references (a Template of plain parts too)."""
    if isinstance(e, E.Literal) and isinstance(e.value, str):
        return e.value
    if isinstance(e, E.Template) and e.heredoc is None and all(isinstance(p, str)
                                                               for p in e.parts):
        return "".join(p for p in e.parts if isinstance(p, str))
    return None


def is_wrapped(e: E.Expr) -> bool:
    """Already the output of `Style.wrap` (or the older `trim(substr(...))` form)."""
    return isinstance(e, E.Call) and e.name == "trim" and bool(e.args) and \
        isinstance(e.args[0], E.Call) and e.args[0].name in ("substr", "one")


def safe_computed(e: E.Expr, style: Style, consts: dict[str, str]) -> bool:
    """True when every value the name can take is known to be accepted: the parts are
    another emitted object's name (checked there), `count.index` after a valid start, or
    locals holding valid literal text, glued with valid text."""
    if isinstance(e, E.Template) and e.heredoc is None:
        sample = ""
        for part in e.parts:
            if isinstance(part, str):
                sample += part
            elif isinstance(part, E.Interp) and (text := _known(part.expr, consts)) is not None:
                sample += text
            elif isinstance(part, E.Interp) and _object_name(part.expr) and sample:
                sample += "a"  # an accepted name, not at the start
            else:
                return False
        return style.valid(sample)
    return _object_name(e)


def _known(e: E.Expr, consts: dict[str, str]) -> str | None:
    t = E.traversal(e)
    if t == ("count", [("attr", "index")]):
        return "0"
    if t and t[0] == "local" and len(t[1]) == 1 and t[1][0][0] == "attr":
        return consts.get(str(t[1][0][1]))
    return None


def _object_name(e: E.Expr) -> bool:
    t = E.traversal(e)
    return t is not None and ("_" in t[0] or t[0] in _SAFE_ROOTS) and \
        t[1][-1:] == [("attr", "name")]


class _Pass:
    def __init__(self, ctx: Ctx, rules: dict[tuple[str, ...], Style],
                 follows: dict[tuple[str, ...], Style]) -> None:
        self.ctx, self.rules, self.follows = ctx, rules, follows
        self.consts: dict[str, str] = {}
        # (resource type, argument path) -> final literal name -> [(source text, where, span)]
        self.names: dict[tuple[str, ...], dict[str, list[tuple[str, str, Span | None]]]] = {}

    def run(self) -> None:
        consts = self.literal_locals()
        for path, blocks in sorted(self.ctx.files.items()):
            self.consts = consts.get(module_of(path), {})
            for b in blocks:
                if b.type == "resource" and b.labels:
                    self.items(b, (b.labels[0],), b, ".".join(b.labels))
        self.collisions()

    def collisions(self) -> None:
        """Two names that differ in the source but are the same once normalised would make
        the second `apply` fail (names are unique per project and type): an error at each."""
        for _, finals in sorted(self.names.items()):
            for final, uses in sorted(finals.items()):
                if len({text for text, _, _ in uses}) < 2:
                    continue
                for text, where, at in uses:
                    others = sorted({f"`{w}` (`{t}`)" for t, w, _ in uses if w != where})
                    what = f"`{text}` becomes `{final}`" if text != final else f"`{final}`"
                    self.ctx.sink.add("IT339", at, f"`{where}` = {what}, which is also the "
                                      f"target name of {', '.join(others)}", "give the source "
                                      "objects names that differ in letters and digits")

    def literal_locals(self) -> dict[str, dict[str, str]]:
        """Per module, the locals holding literal text (read once, not once per file)."""
        out: dict[str, dict[str, str]] = {}
        for path, blocks in self.ctx.files.items():
            found = out.setdefault(module_of(path), {})
            for b in (b for b in blocks if b.type == "locals"):
                found.update({i.name: text for i in b.items if isinstance(i, TfAttr)
                              and (text := literal_text(i.value)) is not None})
        return out

    def items(self, b: TfBlock, path: tuple[str, ...], top: TfBlock, addr: str) -> None:
        for i, item in enumerate(b.items):
            if isinstance(item, TfBlock):
                sub = item.items[0] if item.type == "dynamic" and item.labels and \
                    item.items and isinstance(item.items[0], TfBlock) else item
                key = item.labels[0] if item.type == "dynamic" and item.labels else item.type
                self.items(sub, (*path, key), top, f"{addr}.{key}")
                continue
            field = (*path, item.name)
            follow = self.follows.get(field)
            # (Its literal text only when a rule reads it: most attributes have none.)
            text = literal_text(item.value) if follow is not None else None
            if follow is not None and text is not None and not follow.valid(text):
                b.items[i] = TfAttr(item.name, E.Literal(follow.normalise(text),
                                                         span=item.value.span), item.comments)
            style = self.rules.get(field)
            if style is not None:
                new = self.name(item.value, style, top, f"{addr}.{item.name}")
                if new is not item.value:
                    b.items[i] = TfAttr(item.name, new, item.comments)

    def name(self, e: E.Expr, style: Style, top: TfBlock, where: str) -> E.Expr:
        at: Span | None = e.span or top.span
        text = literal_text(e)
        if text is not None:
            if text.startswith("TODO("):
                return e
            new = literal_name(self.ctx.sink, text, style, where, at)
            field = (top.labels[0], *where.split(".")[2:])
            self.names.setdefault(field, {}).setdefault(new, []).append((text, where, at))
            return e if new == text else E.Literal(new, span=e.span)
        if isinstance(e, E.Literal) or is_wrapped(e) or safe_computed(e, style, self.consts):
            return e
        self.ctx.sink.add("IT325", at, f"`{where}` is an expression (`{short_hcl(e, 60)}`); it "
                          "is wrapped so that any value becomes a name the target accepts",
                          _rule(style) + "; a value that starts with a digit or ends with "
                          "a hyphen still needs a fix at its source")
        return style.wrap(e)

def field_style(table: dict[str, Any], field: str) -> Style:
    """The style of one `resource_type.argument` of a naming table, for a name written
    outside the naming pass (a backend's storage account, a computed pool name)."""
    return styles(table)[tuple(field.split("."))]


def literal_name(sink: Sink, text: str, style: Style, where: str, at: Span | None) -> str:
    """`text` if the style accepts it, else its deterministic rewrite (a hash of `text` kept
    where it is cut, so two inputs stay two names), reported as IT324 at `at`."""
    new = text if style.valid(text) else style.normalise(text)
    if new != text:
        sink.add("IT324", at, f"`{where}` = `{text}` is not a name the target accepts; it "
                 f"is written `{new}`", _rule(style))
    return new


def _rule(style: Style) -> str:
    return f"accepted names match {style.pattern.pattern} with {style.min}-{style.max} " \
           f"characters; source: {style.source}"


def apply(ctx: Ctx, table: dict[str, Any] | None) -> None:
    if table:
        _Pass(ctx, styles(table), styles(table, "references")).run()
