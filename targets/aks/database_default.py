"""OVH's `defaultdb` on a Flexible Server: created where the module reads it and declares none."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import default_db as DD
from ..tfbase.context import Ctx
from . import database as D
from . import database_net as NET
from .database_parts import _MYSQL_DB


def create(ctx: Ctx, inst: N.Resource, service: str) -> None:
    """A Flexible Server makes only its engine's own databases (postgres; mysql, sys...):
    a connection string to `defaultdb` would name a database that does not exist, so the
    one OVH (Aiven) creates in every cluster is declared, once per instance of `inst`."""
    reads = DD.reads(ctx, inst)
    if not reads or DD.declared(ctx, inst):
        return
    pg = service == "postgresql_flexible"
    kind = "azurerm_postgresql_flexible_server_database" if pg else \
        "azurerm_mysql_flexible_database"
    label = f"{inst.name}_{DD.DEFAULT_DB}"
    b = TfBlock("resource", (kind, label), comments=[
        f"OVH creates {DD.DEFAULT_DB} in {inst.address}; the source reads it"])
    b.set("name", E.Literal(DD.DEFAULT_DB))
    server = D.RESOURCE[service]
    if pg:
        b.set("server_id", companions.same(inst, server, "id"))
    else:
        b.set("resource_group_name", companions.same(inst, server, "resource_group_name"))
        b.set("server_name", companions.same(inst, server, "name"))
        for k, v in _MYSQL_DB:
            b.set(k, E.Literal(v), "MySQL 8's defaults, as OVH creates databases" if
                  k == "charset" else None)
    NET.side(ctx, inst, b)
    ctx.sink.add("IT306", reads[0].span or inst.span, f"`{DD.DEFAULT_DB}` (the database OVH "
                 f"creates in every cluster) is read here: {kind}.{label} creates it")
