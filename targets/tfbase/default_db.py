"""OVH's (Aiven's) default database `defaultdb`: where a module reads it, for which cluster."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.passes import database_parts as S

from .context import Ctx
from .dbfamily import children_of, memo_of

# Aiven creates it in every PostgreSQL and MySQL cluster; sources name it in connection
# strings (`.../defaultdb?sslmode=require`). A target creates no such database unless told.
DEFAULT_DB = "defaultdb"
_READS = re.compile(r"(^|/)defaultdb($|[?/])")
_SUB = ("DatabaseDb", "DatabaseUser")
_TEXTS = (E.Literal, E.Template)  # the nodes that may name it


def _clusters(ctx: Ctx, arg: E.Expr, module: str) -> frozenset[object]:
    """The keys of the database clusters an expression reads (itself, or a user or database
    of it): a connection string names the cluster it connects to."""
    found: set[object] = set()
    for t in W.outer_traversals(arg):
        key = ctx._key_from(t, module)
        node = ctx.nodes.get(key) if key is not None else None
        if isinstance(node, N.Resource) and node.KIND in _SUB:
            node = ctx.resolve(node.field_value("cluster"), module)
        if isinstance(node, N.Resource) and node.KIND == "Database":
            found.add(ctx.key_of(node))
    return frozenset(found)


def _names_it(e: E.Expr) -> bool:
    """A literal, or a template's text (`.../${host}/defaultdb`), that names `defaultdb`."""
    if isinstance(e, E.Literal):
        return isinstance(e.value, str) and bool(_READS.search(e.value))
    return isinstance(e, E.Template) and any(
        isinstance(p, str) and _READS.search(p) for p in e.parts)


def _all_reads(ctx: Ctx, module: str) -> list[tuple[E.Expr, frozenset[object]]]:
    """Each literal of `module` that names `defaultdb`, with the clusters its expression
    reads (none: it may be any cluster's); computed once per module."""
    memo = memo_of(ctx)
    key = ("default_db_reads", module)
    if key not in memo:
        found: list[tuple[E.Expr, frozenset[object]]] = []
        for mod in ctx.model.modules:
            if mod.path != module:
                continue
            for n in mod.nodes:
                for _, arg in n.args:
                    hits = [e for e in W.walk_only(arg, _TEXTS) if _names_it(e)]
                    if hits:
                        clusters = _clusters(ctx, arg, module)
                        found.extend((h, clusters) for h in hits)
        memo[key] = found
    reads: list[tuple[E.Expr, frozenset[object]]] = memo[key]
    return reads


def reads(ctx: Ctx, inst: N.Resource) -> list[E.Expr]:
    """The literals that name `defaultdb` in an expression reading `inst`, or reading no
    cluster (a suffix kept in a local)."""
    me = ctx.key_of(inst)
    return [lit for lit, clusters in _all_reads(ctx, inst.module)
            if not clusters or me in clusters]


def declared(ctx: Ctx, inst: N.Resource) -> bool:
    """Whether the source declares (or reads) a logical database of `inst` named so."""
    return any(o.KIND == "DatabaseDb" and S.read_db(ctx, o).name.text == DEFAULT_DB
               for o in children_of(ctx, inst))
