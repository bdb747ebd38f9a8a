"""Variable files of a root (`terraform.tfvars`, `*.tfvars`): what they set, read, never written."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..diagnostics import Sink
from ..span import Span
from .inputtree import Tree

if TYPE_CHECKING:  # (a warm run reads the files for its cache key, never parses them)
    from ..ir import nodes as N

SUFFIX = ".tfvars"  # (HCL; `*.tfvars.json` and `*.tfvars.example` are not read)


def read(tree: Tree, roots: list[str], total: list[int]) -> dict[str, str]:
    """The texts of the variable files in each root's directory (not below it: a
    `secrets/` directory beside is no configuration of that root)."""
    from .loader import read_into
    out: dict[str, str] = {}
    for r in roots:
        d = tree.root / r if r else tree.root
        try:
            found = sorted(m for m in d.iterdir() if m.name.endswith(SUFFIX) and m.is_file())
        except OSError:
            continue
        for m in found:
            rel = posixpath.join(r, m.name) if r else m.name
            if tree.admit_file(m):
                read_into(m, rel, out, Sink(), total)  # (an unreadable one is not configuration)
    return out


def parse(texts: dict[str, str], sink: Sink) -> tuple[N.TfVar, ...]:
    """Each file's `name = value` settings; a file that is not HCL is said (IT385) and
    skipped: it is the user's input to plan, not configuration the translation needs."""
    from ..hcl.ast import Attribute
    from ..hcl.parser import ParseError, parse_body_text
    from ..ir import nodes as N
    out: list[N.TfVar] = []
    for rel in sorted(texts):
        try:
            body = parse_body_text(texts[rel].removeprefix("\ufeff"), rel)
        except (ParseError, RecursionError):
            sink.add("IT385", Span(rel, 1, 1), f"`{rel}` is not a variable file HCL reads; "
                     "the values it sets are not checked against the translation")
            continue
        out.extend(N.TfVar(rel, i.name, i.expr, i.span) for i in body.items
                   if isinstance(i, Attribute))
    return tuple(out)

