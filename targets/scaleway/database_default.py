"""OVH's `defaultdb` on a Scaleway RDB instance: created where the module reads it."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import default_db as DD
from ..tfbase.context import Ctx
from . import database_access as A


def create(ctx: Ctx, inst: N.Resource) -> None:
    """A Scaleway RDB instance makes its own `rdb` database, not Aiven's `defaultdb`: a
    connection string naming `defaultdb` would reach no database, so the one OVH creates in
    every cluster is declared (once per instance of `inst`) where the module reads it."""
    reads = DD.reads(ctx, inst)
    if not reads or DD.declared(ctx, inst):
        return
    label = f"{inst.name}_{DD.DEFAULT_DB}"
    b = TfBlock("resource", ("scaleway_rdb_database", label), comments=[
        f"OVH creates {DD.DEFAULT_DB} in {inst.address}; the source reads it"])
    b.set("instance_id", companions.same(inst, "scaleway_rdb_instance", "id"))
    b.set("name", E.Literal(DD.DEFAULT_DB))
    A.side(ctx, inst, b)
    ctx.sink.add("IT306", reads[0].span or inst.span, f"`{DD.DEFAULT_DB}` (the database OVH "
                 f"creates in every cluster) is read here: scaleway_rdb_database.{label} "
                 "creates it")
