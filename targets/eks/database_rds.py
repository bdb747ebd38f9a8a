"""A database cluster from its service's shape (eks/databases.json `lowering`): common builders."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import hardening, shape
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.db_lower import ClusterLowering
from . import common as C
from . import database as D
from . import database_net as net
from . import unique_names


@dataclass
class Lower(ClusterLowering):
    """One cluster's lowering: what every builder reads, and what one leaves for another."""

    RESOURCE: ClassVar[Mapping[str, str]] = D.RESOURCE

    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def table(self) -> dict[str, Any]:
        lowering: dict[str, Any] = self.ctx.tables.databases["lowering"][self.service]
        return lowering

    @property
    def facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = self.ctx.tables.databases.get("services", {}).get(
            self.service, {})
        return facts

    def flag(self, name: str) -> bool:
        # spec switches that decide whether an item applies ("if" in the shapes)
        return {"public": self.spec.public, "rest_api": self.spec.kafka_rest_api is not False,
                "schema_registry": self.spec.kafka_schema_registry is not False,
                "acls": self.spec.opensearch_acls is not False}[name]


Builder = Callable[[Lower, shape.Item, TfBlock], E.Expr | None]


def lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
          service: str, builders: dict[str, Builder]) -> None:
    s = Lower(ctx, node, spec, entry, service)
    b = TfBlock("resource", (D.RESOURCE[service], node.name))

    def run(name: str, it: shape.Item, block: TfBlock) -> E.Expr | None:
        return builders[name](s, it, block)
    shape.build(b, s.table["items"], s.u, run, s.flag)
    P.place(ctx, node, b)
    shape.build(b, s.table.get("after", []), s.u, run, s.flag)
    unique_names.warn(ctx, node, b)  # (a fixed identifier in a repeated module: IT308)
    s.u.done()


def description(s: Lower, it: shape.Item, b: TfBlock) -> E.Expr:
    desc = s.u.raw("description")
    return s.rw(desc) if desc is not None else E.Literal(f"from {s.node.address}")


def publicly_accessible(s: Lower, it: shape.Item, b: TfBlock) -> None:
    b.set("publicly_accessible", E.Literal(s.spec.public),
          it["comment"] if s.spec.public else None)


def report(s: Lower, it: shape.Item, b: TfBlock) -> None:
    s.ctx.sink.add(it["code"], s.node.arg_span(it["at"]) if "at" in it else s.node.span,
                   it["message"].format(address=s.node.address, gap=s.entry.get("gap", "")))


def backup_regions(s: Lower, it: shape.Item, b: TfBlock) -> None:
    """Backups in the cluster's own metro are what AWS does anyway; others are reported."""
    first = s.spec.nodes.first
    home = first.location.geo.metro if first and first.location.geo else None
    if home and s.spec.backup_regions and all(
            loc.geo is not None and loc.geo.metro == home for loc in s.spec.backup_regions):
        s.u.raw("backup_regions")
        return
    s.u.drop("backup_regions", it["why"])


def common_drops(s: Lower, it: shape.Item, b: TfBlock) -> None:
    product = it["product"]
    s.u.raw("ip_restrictions")
    s.u.raw("nodes")
    backup_regions(s, {"why": f"{product} keeps its snapshots in its region"}, b)
    for k in ("opensearch_acls_enabled", "kafka_rest_api", "kafka_schema_registry"):
        if k not in s.u.consumed:  # read above when it means something for this engine
            s.u.drop(k, f"not a {product} setting")
    if "description" not in s.u.consumed:
        s.u.drop("description", f"{product} has no description field")


def storage(s: Lower, it: shape.Item, b: TfBlock) -> None:
    ctx, node, product = s.ctx, s.node, s.table["product"]
    disk = s.u.raw("disk_size")
    low = int(s.facts.get("min_disk_gb", 1))
    if disk is None:
        size = int(s.facts.get("default_disk_gb", 20))
        b.set(it["arg"], C.num(size))
        ctx.sink.add("IT308", node.span, f"{node.address} sets no disk_size (OVH gives the "
                     f"flavor's included storage); {product} gets {size} GiB")
    elif s.spec.disk_gb is not None and s.spec.disk_gb < low:
        ctx.sink.add("IT301", disk.span or node.span, f"{product} needs at least {low} GiB; "
                     f"disk_size {s.spec.disk_gb:g} of {node.address} is raised to it")
        b.set(it["arg"], C.num(low))
    else:
        b.set(it["arg"], s.rw(disk))


def protect(s: Lower, it: shape.Item, b: TfBlock) -> None:
    """Deletion protection as written, else the hardening default, where the service has it
    (`argument`); a final snapshot before a delete (OVH keeps its backups after one): always
    with protection, else when the target hardens."""
    if "argument" in it:
        b.set(it["argument"], hardening.protection(s.ctx, s.node, s.u.raw(
            "deletion_protection"), f"the database {s.node.address}"))
    if "skip_final" in it:
        b.set(it["skip_final"], E.Literal(False))
    if "argument" in it or s.ctx.harden.deletion_protection:
        b.set(it["final_snapshot"], net.name_of(s.node, C.aws_name(s.node.name), "-final"))


def times(s: Lower, it: shape.Item, b: TfBlock) -> None:
    """OVH daily backup and maintenance times (UTC) as AWS windows; maintenance becomes
    weekly (Sunday), and is moved after the backup when they would overlap."""
    ctx, node, spec = s.ctx, s.node, s.spec
    s.u.raw("backup_time")
    s.u.raw("maintenance_time")
    minutes = int(it.get("minutes", 30))
    bw, mw, moved = net.windows(spec, minutes, minutes)
    for src, arg, value in ((spec.backup_time, it["backup"], bw),
                            (spec.maintenance_time, it["maintenance"], mw)):
        if src.source is not None and value is None:
            ctx.sink.add("IT309", src.source.span or node.span, f"`{arg}` of {node.address} "
                         "is not an HH:MM:SS literal; set the AWS window by hand")
    b.set(it["backup"], E.Literal(bw) if bw else None)
    if mw:
        b.set(it["maintenance"], E.Literal(mw))
        ctx.sink.add("IT301", s.u.span("maintenance_time"), f"OVH maintenance of "
                     f"{node.address} is daily; AWS takes a weekly window: {mw} (UTC)"
                     + (", after the backup window it would overlap" if moved else ""))


def describe(s: Lower, it: shape.Item, b: TfBlock) -> None:
    desc = s.u.raw("description")
    if desc is not None and E.str_value(desc):
        b.note(f"{E.str_value(desc)} (from {s.node.address})")
    b.set("tags", E.Object(((E.Var("Name"), net.name_of(s.node)),) + (
        ((E.Var("Description"), desc),) if desc is not None else ())))


def version(s: Lower, it: shape.Item, b: TfBlock) -> E.Expr:
    s.scratch["version"] = D.engine_version(s.ctx, s.node, s.u, s.spec, s.entry)
    return s.scratch["version"]


BUILDERS: dict[str, Builder] = {
    # a value of the engine's row or of the service's facts, as it is
    "entry": lambda s, it, b: shape.literal(s.entry[it["key"]]),
    "facts": lambda s, it, b: shape.literal(s.facts[it["key"]]),
    "region": lambda s, it, b: net.region(s.ctx, s.node, s.spec, b),
    "name": lambda s, it, b: net.name_of(s.node, C.aws_name(s.node.name, it["max"])
                                         if "max" in it else None),
    "instance_class": lambda s, it, b: D.instance_class(s.ctx, s.node, s.u, s.service,
                                                        it["what"]),
    "subnet_group": lambda s, it, b: net.subnet_group(s.ctx, s.node, s.spec, s.service),
    "security_group": lambda s, it, b: E.Tuple((net.security_group(
        s.ctx, s.node, s.spec, int(it.get("port", s.entry["port"])), it["what"]),)),
    **{f.__name__: f for f in (version, description, publicly_accessible, report,
                               backup_regions, common_drops, storage, protect,
                               times, describe)}}
