"""Files beside the configuration that it reads (templates, charts): said, as --out lacks them."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks as W

from ..hclwrite import TfBlock
from .block_items import block_attrs
from .context import Ctx

# Functions whose first argument is a file path, and the arguments that name a directory.
_READERS = frozenset({"file", "templatefile", "filebase64", "filemd5", "filesha1",
                      "filesha256", "filesha512", "filebase64sha256", "filebase64sha512",
                      "fileset"})
_DIRECTORIES = {("helm_release", "chart")}


def check(ctx: Ctx) -> None:
    """IT341 at each local file or directory an emitted block reads through `path.module`
    (or a relative chart path): only .tf files are written, so `terraform plan` in --out
    fails until it is copied there. It is not copied: it may hold credentials."""
    for path, blocks in sorted(ctx.files.items()):
        for b in blocks:
            kind = b.labels[0] if b.type == "resource" and b.labels else ""
            for item in block_attrs(b):
                if (kind, item.name) in _DIRECTORIES:
                    where = _local(item.value, relative_ok=True)
                    if where is not None:
                        _report(ctx, path, item.value, b, where, "a chart directory")
                if item.value.__class__ is E.Literal:
                    continue  # most values: no call inside, and nothing to walk
                for sub in W.walk_only(item.value, E.Call):
                    assert isinstance(sub, E.Call)
                    if sub.name in _READERS and sub.args:
                        where = _local(sub.args[0], relative_ok=False)
                        if where is not None:
                            _report(ctx, path, sub, b, where, f"read by {sub.name}()")


def _local(e: E.Expr, relative_ok: bool) -> str | None:
    """The path below the module a value names (`${path.module}/x`, `./x` for a chart)."""
    if isinstance(e, E.Template) and len(e.parts) == 2 and isinstance(e.parts[0], E.Interp):
        t = E.traversal(e.parts[0].expr)
        rest = e.parts[1]
        if t and t[0] == "path" and t[1] == [("attr", "module")] and isinstance(rest, str):
            return rest.lstrip("/")
    s = E.str_value(e)
    if relative_ok and s is not None and s.startswith(("./", "../")):
        return s
    return None


def _report(ctx: Ctx, path: str, at: E.Expr, b: TfBlock, where: str, what: str) -> None:
    rel = posixpath.normpath(where)
    ctx.sink.add("IT341", at.span or b.span, f"`{rel}`, next to this file ({what}), is not "
                 "written to the output, which holds the translated .tf files only: terraform "
                 "plan there fails until it is copied beside them", f"copy `{rel}` next to "
                 f"the translated `{posixpath.basename(path)}` (it is not copied for you: it "
                 "may hold credentials)")
