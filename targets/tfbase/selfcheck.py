"""Self-check of emitted Terraform: what `terraform validate` and `plan` would refuse."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfAttr, TfBlock
from . import placeholders
from . import selfcheck_context as SC
from .context import Ctx, module_of
from .selfcheck_walk import End, Ref, literal, scan_block, scoped_refs

# Roots that are not objects of the configuration (or are checked by Terraform itself).
_BUILTIN = {"each", "count", "self", "path", "terraform"}


@dataclass
class Scope:
    """What one module directory of the output (or of the source) defines."""

    objects: set[tuple[str, str, str]] = field(default_factory=set)  # (mode, type, name)
    names: set[tuple[str, str]] = field(default_factory=set)  # (var|local|module|output, x)
    sources: dict[str, str] = field(default_factory=dict)  # module call -> child dir
    twice: set[str] = field(default_factory=set)  # (the source's) names declared again


# A second declaration of a name in one module: (module, what is declared, the block).
Twice = tuple[str, str, TfBlock]


def output_scopes(files: dict[str, list[TfBlock]],
                  twice: list[Twice] | None = None) -> dict[str, Scope]:
    """What each output module defines; each name declared again is added to `twice`."""
    scopes: dict[str, Scope] = {}

    def add(into: set[Any], key: Any, what: str) -> None:
        if key in into and twice is not None:
            twice.append((d, what, b))
        into.add(key)
    for path, blocks in sorted(files.items()):
        d = module_of(path)
        s = scopes.setdefault(d, Scope())
        for b in blocks:
            if b.type in ("resource", "data") and len(b.labels) == 2:
                add(s.objects, ("managed" if b.type == "resource" else "data", *b.labels),
                    f"{'data.' if b.type == 'data' else ''}{'.'.join(b.labels)}")
            elif b.type in ("variable", "output") and b.labels:
                add(s.names, ("var" if b.type == "variable" else "output", b.labels[0]),
                    f'{b.type} "{b.labels[0]}"')
            elif b.type == "locals":
                for i in b.items:
                    if isinstance(i, TfAttr):
                        add(s.names, ("local", i.name), f"local.{i.name}")
            elif b.type == "module" and b.labels:
                add(s.names, ("module", b.labels[0]), f'module "{b.labels[0]}"')
                src = literal(b.get("source"))
                if src and src.startswith(("./", "../")):
                    s.sources[b.labels[0]] = posixpath.normpath(posixpath.join(d, src))
    return scopes


def source_scopes(model: N.Model) -> dict[str, Scope]:
    scopes: dict[str, Scope] = {}

    def add(into: set[Any], key: Any, what: str) -> None:
        if key in into:
            s.twice.add(what)  # (the source itself fails validate: said apart from ours)
        into.add(key)
    for m in model.modules:
        s = scopes.setdefault(m.path, Scope())
        for n in m.nodes:
            if isinstance(n, N.Resource):
                add(s.objects, (n.mode, n.type, n.name),
                    f"{'data.' if n.mode == 'data' else ''}{n.type}.{n.name}")
            elif isinstance(n, N.Variable):
                add(s.names, ("var", n.name), f'variable "{n.name}"')
            elif isinstance(n, N.Output):
                add(s.names, ("output", n.name), f'output "{n.name}"')
            elif isinstance(n, N.Locals):
                for k, _ in n.args:
                    add(s.names, ("local", k), f"local.{k}")
            elif isinstance(n, N.ModuleCall):
                add(s.names, ("module", n.name), f'module "{n.name}"')
                if n.local_path is not None:
                    s.sources[n.name] = n.local_path
    return scopes


def _attr(steps: list[E.Step], i: int) -> str | None:
    return str(steps[i][1]) if len(steps) > i and steps[i][0] == "attr" else None


def address(root: str, steps: list[E.Step]) -> str | None:
    """`var.x`, `module.m.out`, `data.t.n`, `type.name`: what a reference must find."""
    first, second = _attr(steps, 0), _attr(steps, 1)
    if root in ("var", "local") and first:
        return f"{root}.{first}"
    if root in ("module", "data") and first:
        return f"{root}.{first}.{second}" if second else f"{root}.{first}"
    if "_" in root and first and root not in _BUILTIN:
        return f"{root}.{first}"
    return None


def source_refs(model: N.Model) -> set[tuple[str, str]]:
    """(module, address) of every reference written in the source, module outputs included
    with and without the output name."""
    out: set[tuple[str, str]] = set()
    for m in model.modules:
        for n in m.nodes:
            for _, v in n.args:
                for _, root, steps in scoped_refs(v):
                    a = address(root, steps)
                    if a is not None:
                        out.add((m.path, a))
                        if root == "module":
                            out.add((m.path, ".".join(a.split(".")[:2])))
    return out


_NO_SCOPE = Scope()  # a module the scopes do not know: defines nothing (never written to)


def resolve(scopes: dict[str, Scope], d: str, root: str, steps: list[E.Step]) -> str | None:
    """The address a reference needs and does not find in `scopes`, or None when it resolves."""
    s = scopes.get(d, _NO_SCOPE)  # (a new Scope per reference was a tenth of the check)
    first, second = _attr(steps, 0), _attr(steps, 1)
    if root in ("var", "local") and first:
        return None if (root, first) in s.names else f"{root}.{first}"
    if root == "module" and first:
        if ("module", first) not in s.names:
            return f"module.{first}"
        child = s.sources.get(first)
        if second and child is not None and child in scopes and \
                ("output", second) not in scopes[child].names:
            return f"module.{first}.{second}"
        return None
    if root == "data" and first and second:
        return None if ("data", first, second) in s.objects else f"data.{first}.{second}"
    if "_" in root and first and root not in _BUILTIN:
        return None if ("managed", root, first) in s.objects else f"{root}.{first}"
    return None


class SelfCheck:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.twice: list[Twice] = []
        self.out = output_scopes(ctx.files, self.twice)
        self.many = SC.repeated(ctx.files)
        # Read before the source model is let go (driver: Ctx.source_facts).
        facts = ctx.source_facts or (source_scopes(ctx.model), source_refs(ctx.model))
        self.src: dict[str, Scope] = facts[0]
        self.src_refs: set[tuple[str, str]] = facts[1]
        # Lines that already carry a diagnostic: what is there was reported on purpose.
        diags = ctx.sink.sorted()  # (sorting 100,000 diagnostics twice was a tenth of this)
        self.noted = {(d.span.file, d.span.line) for d in diags if d.span}
        self.loud = placeholders.Loud(diags)

    def run(self) -> None:
        for d, what, b in self.twice:
            at = b.span
            if at is not None and (at.file, at.line) in self.noted and \
                    b.type in ("resource", "data"):
                continue  # a resource written twice is reported where it is lowered (IT339)
            where = f"module `{d}`" if d else "the root module"
            theirs = self.src.get(d, _NO_SCOPE).twice
            if theirs:
                # The source module already declares names twice: what the output repeats
                # follows from that (a resource written twice gives its derived blocks twice).
                named = ", ".join(f"`{w}`" for w in sorted(theirs)[:3]) + \
                    (" and more" if len(theirs) > 3 else "")
                why = "as in the source" if what in theirs else \
                    f"as the source declares {named} twice"
                self.ctx.sink.add("IT380", at, f"`{what}` is declared twice in {where} of the "
                                  f"output, {why}: Terraform rejects both", "keep one of each "
                                  "of the source's declarations (files of separate examples "
                                  "in one directory are one module)")
                continue
            self.ctx.sink.add("IT380", at, f"`{what}` is declared twice in {where} of the "
                              "output: Terraform rejects the module", "rename the source's "
                              "declaration (and its references): the translation adds one "
                              "of that name")
        for path, blocks in sorted(self.ctx.files.items()):
            d = module_of(path)
            for b in blocks:
                # References and endpoints in one walk of the block's values (each was one).
                refs: list[Ref] | None = [] if b.type not in _NO_REFS else None
                kept = bool(b.labels) and b.labels[0].startswith(("ovh", "openstack"))
                ends: list[End] | None = [] if b.type in _ENDPOINTS and not kept else None
                scan_block(b, frozenset(), refs, ends)
                self.references(d, b, refs or [])
                SC.check(self.ctx, d, b, refs or [], self.many.get(d, set()))
                SC.twice(self.ctx, b)
                placeholders.check(self.ctx, b, self.loud)
                self.endpoints(b, ends or [])

    def references(self, d: str, b: TfBlock, refs: list[Ref]) -> None:
        for e, root, steps in refs:
            missing = resolve(self.out, d, root, steps)
            if missing is None:
                continue
            at = e.span or b.span
            # Written so in the source and undefined there too: the input's gap, not ours.
            theirs = (d, missing) in self.src_refs and resolve(self.src, d, root, steps) \
                is not None
            if theirs and not missing.split(".")[0].startswith(("ovh_", "openstack_")):
                self.ctx.sink.add("IT235", at, f"`{missing}` is not defined in the source "
                                  "either; the reference is kept as is",
                                  "define it, or check the module was given in full")
                continue
            if at is not None and (at.file, at.line) in self.noted and \
                    missing.split(".")[0].startswith(("ovh_", "openstack_", "data")):
                continue  # an OVH object already reported where it is read
            what = "an OVH or OpenStack object the output no longer defines" if missing.startswith(
                ("ovh_", "openstack_", "data.ovh_", "data.openstack_")) else \
                "nothing the output defines"
            self.ctx.sink.add("IT326", at, f"`{short_hcl(e)}` reads `{missing}`, {what}",
                              "define it in the output or rewrite the reference; "
                              "`terraform validate` fails here")

    def endpoints(self, b: TfBlock, ends: list[End]) -> None:
        """An OVH endpoint left in a target argument would send traffic (and keys) to OVH."""
        for e, name in ends:
            at = e.span or b.span
            if at is not None and (at.file, at.line) in self.noted:
                continue  # already reported where it is written
            self.ctx.sink.add("IT309", at, f"OVH endpoint `{short_hcl(e)}` is left as is in "
                              f"`{name}`; the target would still call OVHcloud",
                              "point it at the target's service, or set it from a variable")

_NO_REFS = {"moved", "import", "removed", "terraform", ""}  # addresses, settings: no values
# where an endpoint is used (a variable default or an output publishes it too: IT309 when no
# target mapping rewrote it)
_ENDPOINTS = {"resource", "data", "provider", "module", "locals", "variable", "output"}


def apply(ctx: Ctx) -> set[str]:
    """Run after every other pass: it reads the blocks exactly as they will be written, and
    edits none (the paths it edited, for render_split: none; the placeholders of required
    arguments are required_args', before the variables are made)."""
    SelfCheck(ctx).run()
    return set()
