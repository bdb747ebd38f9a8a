"""What OVH Terraform objects say (source facts), one small table per concept kind."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..ir import expr as E
from ..ir.nodes import Resource, first_object
from .model import Expression, Fact
from .tables import Tables
from .values import get, plain, span_of

SourceFact = Callable[[Resource, Tables], "Fact | None"]


def arg(path: str, expect: Callable[[Any, Tables], Any] | None = None,
        table: str = "") -> SourceFact:
    """The value at `path`; `expect` maps a literal through a table (a region)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if value is None:
            return None
        mapped = expect(value, t) if expect and not isinstance(value, Expression) else None
        return Fact(value, span=span_of(r, path), expect=mapped, table=table)
    return read


def _region(value: Any, t: Tables) -> Any:
    return t.region(str(value))


def _zones(value: Any, t: Tables) -> Any:
    if not isinstance(value, list):
        return None
    return [t.zone(str(z)) or z for z in value]


def flavor_fact(part: str, path: str = "flavor_name", kind: str = "instance") -> SourceFact:
    """vCPU, RAM or GPU of a literal flavor (an expression is the `machine` fact instead)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, path)
        if not isinstance(name, str):
            return None
        spec = t.flavor(name, kind)
        if spec is None:
            return None  # nothing known of its size: the `machine` fact compares the name
        return Fact(size(spec, part), raw=name, span=span_of(r, path))
    return read


def size(spec: dict[str, Any], part: str) -> Any:
    if part == "gpu":
        gpu = spec.get("gpu") or {}
        return f"{gpu['count']}x {gpu['model']}" if gpu.get("count") else "none"
    return spec.get(part)


def machine_expr(path: str = "flavor_name", kind: str = "instance") -> SourceFact:
    """The flavor itself when its size is not known: computed, or not in the table."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if isinstance(value, Expression) or (isinstance(value, str) and
                                             t.flavor(value, kind) is None):
            return Fact(value, span=span_of(r, path))
        return None
    return read


def _autoscaled(path: str) -> SourceFact:
    """Bounds count only for a pool that autoscales (or may: an expression)."""
    inner = arg(path)

    def read(r: Resource, t: Tables) -> Fact | None:
        auto = get(r, "autoscale")
        return inner(r, t) if auto is True or isinstance(auto, Expression) else None
    return read


def _taints(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "template.spec.taints")
    if value is None:
        return None
    if not isinstance(value, list):
        return Fact(value, span=span_of(r, "template.spec.taints"))
    return Fact(sorted(taint(x) for x in value), span=span_of(r, "template.spec.taints"))


def taint(x: Any) -> str:
    if not isinstance(x, dict):
        return str(x)
    effect = str(x.get("effect", "")).replace("_", "").lower()
    return f"{x.get('key')}={x.get('value') or ''}:{effect}"


def _count_blocks(path: str) -> SourceFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if not isinstance(value, list):
            return None
        return Fact(len(value), span=span_of(r, path))
    return read


def _ha(r: Resource, t: Tables) -> Fact | None:
    """More than one node; a computed plan or node list may decide it too."""
    nodes, plan = get(r, "nodes"), get(r, "plan")
    computed = [str(v) for v in (nodes, plan) if isinstance(v, Expression)] + \
        [str(n) for n in nodes if isinstance(n, Expression)] if isinstance(nodes, list) else []
    if isinstance(nodes, list) and len(nodes) > 1:
        return Fact(True, span=span_of(r, "nodes"))
    if computed or isinstance(nodes, Expression) or isinstance(plan, Expression):
        # the plan alone decides (the nodes are written): the fact is the plan's text
        by_plan = computed == [str(plan)] and isinstance(plan, Expression)
        return Fact(Expression(" ".join(computed or [str(nodes), str(plan)])),
                    span=span_of(r, "plan" if by_plan else "nodes"))
    return Fact(isinstance(nodes, list) and len(nodes) > 1, span=span_of(r, "nodes"))


def _db_region(r: Resource, t: Tables) -> Fact | None:
    """The region of the first node (OVH places every node of a cluster in one region)."""
    body = first_object(r.arg("nodes"))
    region = E.obj_get(body, "region")
    if region is None:
        return None
    value = plain(region)
    return Fact(value, span=region.span or r.span, table="gke/regions.json",
                expect=None if isinstance(value, Expression) else t.region(str(value)))


def _versioning(r: Resource) -> Fact | None:
    status = get(r, "versioning.status")
    if status is None:
        return None
    value = status if isinstance(status, Expression) else str(status).lower() == "enabled"
    return Fact(value, span=span_of(r, "versioning.status"))


def levels(actions: list[str]) -> list[str]:
    """What S3 actions allow: read, write, delete (`s3:*` all three)."""
    found: set[str] = set()
    for a in actions:
        verb = a.split(":", 1)[-1]
        if verb == "*":
            return ["delete", "read", "write"]
        found.add("delete" if verb.startswith("Delete") else "read" if verb.startswith(
            ("Get", "List", "Head")) else "write")
    return sorted(found)


def _access(r: Resource, t: Tables) -> Fact | None:
    """The access an S3 user policy allows (`jsonencode({Statement = [...]})` or JSON)."""
    doc: Any = plain(r.arg("policy"))
    value = r.arg("policy")
    if isinstance(value, E.Call) and value.name == "jsonencode" and len(value.args) == 1:
        doc = plain(value.args[0])
    elif isinstance(doc, str):
        try:
            doc = json.loads(doc)
        except ValueError:
            return None
    if not isinstance(doc, dict):
        return Fact(doc, span=span_of(r, "policy")) if doc is not None else None
    statements = doc.get("Statement")
    if not isinstance(statements, list):
        return None
    actions: list[str] = []
    for st in statements:
        if isinstance(st, dict) and st.get("Effect", "Allow") == "Allow":
            found = st.get("Action")
            actions += [str(a) for a in (found if isinstance(found, list) else [found])]
    return Fact(levels(actions), span=span_of(r, "policy"))


_REGION = arg("region", _region, "gke/regions.json")
_BUCKET_REGION = arg("region_name", _region, "gke/regions.json")

# concept kind -> fact -> how the source states it
SOURCE: dict[str, dict[str, SourceFact]] = {
    "Cluster": {"name": arg("name"), "location": _REGION, "version": arg("version"),
                "pods_cidr": arg("ip_allocation_policy.pods_ipv4_cidr"),
                "services_cidr": arg("ip_allocation_policy.services_ipv4_cidr")},
    "NodePool": {"name": arg("name"), "machine": machine_expr(),
                 "vcpu": flavor_fact("vcpu"), "ram_gb": flavor_fact("ram_gb"),
                 "gpu": flavor_fact("gpu"), "nodes": arg("desired_nodes"),
                 "autoscale": arg("autoscale"), "min_nodes": _autoscaled("min_nodes"),
                 "max_nodes": _autoscaled("max_nodes"),
                 "zones": arg("availability_zones", _zones, "gke/regions.json"),
                 "labels": arg("template.metadata.labels"), "taints": _taints},
    "Subnet": {"cidr": lambda r, t: arg("cidr")(r, t) or arg("network")(r, t),
               "region": _REGION},
    "Bucket": {"name": arg("name"),
               "location": lambda r, t: _REGION(r, t) or _BUCKET_REGION(r, t),
               "versioning": lambda r, t: _versioning(r)},
    "S3Bucket": {"name": arg("bucket")},
    "Registry": {"name": arg("name"), "location": _REGION},
    "Database": {"engine": arg("engine"), "version": arg("version"),
                 "location": _db_region, "ha": _ha, "disk_gb": arg("disk_size"),
                 "vcpu": flavor_fact("vcpu", "flavor", "database"),
                 "ram_gb": flavor_fact("ram_gb", "flavor", "database")},
    "ObjectStoragePolicy": {"access": _access},
    "DatabaseDb": {"name": arg("name")},
    "DatabaseUser": {"name": arg("name")},
    "DatabaseTopic": {"name": arg("name"), "partitions": arg("partitions"),
                      "replication": arg("replication")},
    "Instance": {"name": arg("name"), "vcpu": flavor_fact("vcpu", "flavor_name"),
                 "ram_gb": flavor_fact("ram_gb", "flavor_name"),
                 "location": lambda r, t: _REGION(r, t) or _BUCKET_REGION(r, t)},
    "Volume": {"size_gb": arg("size"),
               "location": lambda r, t: _REGION(r, t) or _BUCKET_REGION(r, t)},
}
