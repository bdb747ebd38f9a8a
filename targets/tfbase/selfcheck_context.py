"""Self-check of instance contexts: keys of repeated objects, count/each, arguments set twice."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.span import Span

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx, module_of
from .selfcheck_walk import Ref

# Blocks that may repeat (count, for_each) and so give count.index / each.* a meaning.
_REPEATABLE = ("resource", "data", "module")
Key = tuple[str, ...]  # ("managed"|"data", type, name) or ("module", name)


def repeated(files: dict[str, list[TfBlock]]) -> dict[str, set[Key]]:
    """Per output module, the objects written with count or for_each: a reference to one of
    their attributes needs an instance key (`[count.index]`, `[each.key]`)."""
    out: dict[str, set[Key]] = {}
    for path, blocks in files.items():
        for b in blocks:
            if b.type not in _REPEATABLE or not b.labels or \
                    (b.get("count") is None and b.get("for_each") is None):
                continue
            key: Key = ("module", b.labels[0]) if b.type == "module" else \
                ("managed" if b.type == "resource" else "data", *b.labels)
            out.setdefault(module_of(path), set()).add(key)
    return out


def check(ctx: Ctx, d: str, b: TfBlock, refs: list[Ref], many: set[Key]) -> None:
    """IT381 for what `terraform validate` refuses in `b`'s references: count.index or
    each.* where the block does not repeat so; an attribute of a repeated object read with
    no instance key ("Missing resource instance key")."""
    counted = b.type in _REPEATABLE and b.get("count") is not None
    keyed = b.type in _REPEATABLE and b.get("for_each") is not None
    where = f"{b.type} {'.'.join(b.labels)}".strip()
    for e, root, steps in refs:
        # (a reference built from a mapping rule has the rule's own span: say the block's)
        at = e.span if e.span is not None and not e.span.file.startswith("<") else b.span
        if steps and ((root == "count" and not counted) or (root == "each" and not keyed)):
            # (a bare `count` is an object key, `{ count = 1 }`, not a reference)
            arg = "count" if root == "count" else "for_each"
            _say(ctx, at, f"`{short_hcl(e)}` is read in {where}, which has no `{arg}`: "
                 f"Terraform refuses {root}.* outside a block that repeats by {arg}",
                 f"give the block the {arg} of what it was made for, or read one instance")
            continue
        key = _repeated_key(root, steps)
        if key is not None and key[0] in many and (like := ctx.made_per_like.get(key[1])):
            each = "count.index" if like[1] else "each.key"
            _say(ctx, at, f"`{short_hcl(e)}` reads one value, but the translation makes "
                 f"`{key[1]}` per instance of {like[0]} (the source writes it once): "
                 f"{where} reads no instance of it", f"repeat the resource like {like[0]} "
                 f"in the source and read instance [{each}], or name the instance")
        elif key is not None and key[0] in many:
            _say(ctx, at, f"`{short_hcl(e)}` reads an attribute of `{key[1]}`, which is "
                 "written with count or for_each, without an instance key: Terraform "
                 "refuses it (Missing resource instance key)",
                 "index it ([count.index], [each.key]) or read all instances (a splat or a "
                 "for expression)")


def _repeated_key(root: str, steps: list[tuple[str, object]]) -> tuple[Key, str] | None:
    """(the object's key, its address) when the reference reads an attribute straight after
    the object's name (no index, no splat)."""
    def attr(i: int) -> str | None:
        return str(steps[i][1]) if len(steps) > i and steps[i][0] == "attr" else None
    if root == "module":
        name, out = attr(0), attr(1)
        return (("module", name), f"module.{name}") if name and out else None
    if root == "data":
        typ, name, out = attr(0), attr(1), attr(2)
        return (("data", typ, name), f"data.{typ}.{name}") if typ and name and out else None
    if "_" in root and root not in ("each", "count", "self", "path", "terraform"):
        name, out = attr(0), attr(1)
        return (("managed", root, name), f"{root}.{name}") if name and out else None
    return None


def twice(ctx: Ctx, b: TfBlock, top: TfBlock | None = None) -> None:
    """IT382 for an argument set twice in one block (Terraform: "Attribute redefined")."""
    top = top or b
    seen: set[str] = set()
    for item in b.items:
        if isinstance(item, TfBlock):
            twice(ctx, item, top)
        elif isinstance(item, TfAttr):
            if item.name in seen:
                where = f"{top.type} {'.'.join(top.labels)}".strip()
                _say(ctx, item.value.span or top.span, f"`{item.name}` is set twice in a "
                     f"block of {where}: Terraform refuses the file (Attribute redefined)",
                     "this is a bug of iac-translate: please report it with the input",
                     "IT382")
            seen.add(item.name)


def _say(ctx: Ctx, at: Span | None, message: str, hint: str, code: str = "IT381") -> None:
    ctx.sink.add(code, at, message, hint)
