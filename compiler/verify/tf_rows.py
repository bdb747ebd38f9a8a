"""Rows of a Terraform target: each OVH object of the source against the blocks in OUT."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from ..api import Result, source_model
from ..codes import Severity
from ..diagnostics import Sink
from ..frontends import downloaded
from ..ir import expr as E
from ..ir import nodes as N
from ..span import Span
from . import out_aks, out_eks, out_gke, out_scaleway
from .judge import Explainer, judge
from .model import LOST, MAPPED, Expression, Fact, Row
from .src_terraform import SOURCE
from .tables import Tables

# Concepts that are not objects of their own on any target (lookups, opaque pass-through).
_NOT_OBJECTS = {"resource", "Opaque", "Lookup"}


def out_index(files: dict[str, str], sink: Sink) -> dict[tuple[str, str], N.Node]:
    """Blocks of the written Terraform by (module directory, address)."""
    model = source_model(files, sink) if files else None
    index: dict[tuple[str, str], N.Node] = {}
    for module in model.modules if model is not None else ():
        for node in module.nodes:
            if isinstance(node, N.Resource):
                index[(module.path, node.address)] = node
            elif isinstance(node, N.ModuleCall):
                index[(module.path, f"module.{node.labels[0]}")] = node
            elif isinstance(node, N.Provider):
                # AWS resources are where their provider is: `provider.aws`, `provider.aws.x`
                alias = E.str_value(node.arg("alias"))
                index[(module.path, f"provider.{node.name}" + (f".{alias}" if alias
                                                                 else ""))] = node
    return index


def _key(span: Any) -> tuple[str, int, int]:
    return (span.file, span.line, span.column)


def _inline(node: N.Resource, blocks: dict[str, N.Resource]) -> N.Resource:
    """`data.x.y.region` (or `type.name.attr`) read as the value that block sets, with its
    span: the intent is that value, and a diagnostic about it stands at that block."""
    def literal(e: E.Expr) -> E.Expr | None:
        found = E.traversal(e)
        if found is None:
            return None
        root, steps = found
        names = [str(a) for k, a in steps if k == "attr"]
        if len(names) != len(steps) or len(names) < 2:
            return None
        head, attr = (f"data.{names[0]}.{names[1]}", names[2:]) if root == "data" else \
            (f"{root}.{names[0]}", names[1:])
        other = blocks.get(head)
        if other is None or len(attr) != 1:
            return None
        return other.arg(attr[0])
    args = tuple((k, E.transform(v, literal)) for k, v in node.args)
    return replace(node, args=args) if args != node.args else node


def rows(src: Any, result: Result, out: dict[tuple[str, str], N.Node], tables: Tables,
         rebase: str = "", target: str = "gke") -> list[Row]:
    """Rows of the Terraform in `src`. `rebase`: one root of an estate, whose spans the
    estate's trace and diagnostics give below that directory, and whose output is there."""
    model = source_model(src, Sink())
    prefix = f"{rebase}/" if rebase else ""

    def local(span: Any) -> Any:
        if not prefix:
            return span
        if span is None or not span.file.startswith(prefix):
            return None
        return span._replace(file=span.file[len(prefix):])
    trace: dict[tuple[str, int, int], list[str]] = {}
    for span, address in result.trace:
        if local(span) is not None:
            trace.setdefault(_key(local(span)), []).append(address)
    why = Explainer(d.moved(local(d.span)) for d in result.diagnostics
                    if local(d.span) is not None)
    found: list[Row] = []
    for module in model.modules if model is not None else ():
        blocks = {n.address: n for n in module.nodes if isinstance(n, N.Resource)}
        defs = _definitions(module)
        for node in module.nodes:
            if isinstance(node, N.Resource) and node.mode == "managed" and \
                    node.KIND not in _NOT_OBJECTS:
                emitted = trace.get(_key(node.span), [])
                found.extend(_object(_inline(node, blocks), module.path, emitted, out,
                                     tables, why, rebase, defs, _OUT[target]))
    if target != "gke":
        # the source facts name the table they map through as GKE's (`gke/regions.json`)
        found = [replace(r, why=r.why.replace("gke/", f"{target}/")) for r in found]
    if not prefix:
        return found
    return [replace(r, object=f"{rebase}/{r.object}",
                    span=r.span._replace(file=prefix + r.span.file) if r.span else None)
            for r in found]


def _definitions(module: N.Module) -> dict[str, Span]:
    """`local.x` / `var.x` -> where its value is written (a local's expression, a variable's
    default): a value mapped there (IT306) explains the facts that read it."""
    out: dict[str, Span] = {}
    for n in module.nodes:
        if isinstance(n, N.Locals):
            out.update({f"local.{k}": v.span for k, v in n.args if v.span is not None})
        elif isinstance(n, N.Variable):
            default = n.arg("default")
            if default is not None and default.span is not None:
                out[f"var.{n.name}"] = default.span
    return out


# What each Terraform target's blocks say: (OUTPUT, PRIMARY, GROUPED) of its out_ module.
_OUT = {"gke": (out_gke.OUTPUT, out_gke.PRIMARY, out_gke.GROUPED),
        "eks": (out_eks.OUTPUT, out_eks.PRIMARY, out_eks.GROUPED),
        "scaleway": (out_scaleway.OUTPUT, out_scaleway.PRIMARY, out_scaleway.GROUPED),
        "aks": (out_aks.OUTPUT, out_aks.PRIMARY, out_aks.GROUPED)}


def _object(node: N.Resource, where: str, emitted: list[str],
            out: dict[tuple[str, str], N.Node], tables: Tables, why: Explainer,
            rebase: str = "", defs: dict[str, Span] | None = None,
            facts_of: tuple[Any, Any, Any] = _OUT["gke"]) -> list[Row]:
    OUTPUT, PRIMARY, GROUPED = facts_of
    name = f"{where}/{node.address}" if where else node.address
    directory = posixpath.normpath(posixpath.join(rebase, posixpath.dirname(node.span.file)))
    # (a module `terraform init` downloaded is written out of .terraform/modules)
    directory = "" if directory == "." else downloaded.output_path(directory + "/")[:-1]
    present = [a for a in emitted if (directory, a) in out]
    whole = Span(node.span.file, node.span.line, node.span.column)
    if not emitted:
        # Nothing was emitted: right only when a diagnostic at the object says why, or an
        # error inside it (IT338 at the argument that makes it untranslatable).
        row = judge(name, "translated", Fact(True, span=whole), None, why, whole=True)
        errors = sorted({d.code for d in why.within(node.span)
                         if d.severity is Severity.ERROR})
        if row is not None and row.verdict == LOST and errors:
            row = replace(row, verdict=MAPPED, why=",".join(errors))
        return [row] if row else []
    missing = sorted(set(emitted) - set(present))
    # Counts in the table; the target column names the missing ones (or all of them).
    # What the translation emitted and OUT lacks is never explained: it was written once.
    got = [judge(name, "objects", Fact(len(emitted), span=whole), Fact(len(present)),
                 Explainer(()), ", ".join(missing or sorted(emitted)), whole=True)]
    facts = SOURCE.get(node.KIND, {})
    kinds = PRIMARY.get(node.KIND, ())
    target = next((a for a in present if a.split(".")[0] in kinds), None)
    block = out.get((directory, target)) if target else None
    table = OUTPUT.get(target.split(".")[0], {}) if target else {}
    here = {a: n for (d, a), n in out.items() if d == directory}
    for (_d, a), n in sorted(out.items(), key=lambda kv: kv[0][0].count("/")):
        # a called module's resources are where its caller's provider is
        if a.startswith("provider.") and a not in here:
            here[a] = n
    near = tables.near(here)
    if node.KIND in GROUPED:
        kind, group = GROUPED[node.KIND]
        found = [b for a in present if a.split(".")[0] == kind
                 and isinstance(b := out[(directory, a)], N.Resource)]
        for fact, read in facts.items():
            got.append(judge(name, fact, read(node, tables),
                             group[fact](found, near) if found and fact in group else None,
                             why, ", ".join(a for a in present if a.startswith(kind))))
        return [r for r in got if r is not None]
    # An error at the object's start (IT338: Terraform does not create it, whatever else it
    # emits beside, a password) explains each of its facts the output does not write.
    untranslated = ",".join(sorted({d.code for d in why.at(whole)
                                    if d.severity is Severity.ERROR}))
    for fact, read in facts.items():
        stated = read(node, tables)
        written = table[fact](block, near) if block is not None and fact in table and \
            isinstance(block, N.Resource) else None
        # A fact that reads a local or variable is also explained where its value is written.
        owner = (defs or {}).get(str(stated.value)) if stated is not None and \
            isinstance(stated.value, Expression) else None
        row = judge(name, fact, stated, written, why, target or "", owner=owner)
        if row is not None and row.verdict == LOST and written is None and untranslated:
            row = replace(row, verdict=MAPPED, why=untranslated)
        got.append(row)
    return [r for r in got if r is not None]
