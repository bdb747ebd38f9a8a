"""Regenerate compiler/frontends/ovh_schema.json (argument names per OVH type) from a schema dump.

Usage:
    python tests/schema/gen_ovh_schema.py PATH/TO/ovh.schema.json.gz \
        > compiler/frontends/ovh_schema.json

The input is a compact provider schema ({"resources": {type: block}, "data_sources": ...}) as
extracted from the provider's Go source.  Only argument names and their required/optional flag
are kept: computed-only attributes are listed separately so that references to them can be
recognised.  Types removed from the provider but still found in real code are added by hand.
"""

from __future__ import annotations

import gzip
import json
import sys

# Removed in provider v2.16.0 but common in real code (see the project's reference notes).
REMOVED = {
    "ovh_cloud_project_database_ip_restriction": {
        "args": {"service_name": "optional", "engine": "required", "cluster_id": "required",
                 "ip": "required", "description": "optional"},
        "computed": ["status"], "blocks": {}},
    "ovh_cloud_project_database_redis_user": {
        "args": {"service_name": "optional", "cluster_id": "required", "name": "required",
                 "categories": "optional", "channels": "optional", "commands": "optional",
                 "keys": "optional", "password_reset": "optional"},
        "computed": ["password", "status", "created_at"], "blocks": {}},
    "ovh_cloud_project_database_m3db_user": {
        "args": {"service_name": "optional", "cluster_id": "required", "name": "required",
                 "group": "optional", "password_reset": "optional"},
        "computed": ["password", "status", "created_at"], "blocks": {}},
    "ovh_cloud_project_database_m3db_namespace": {
        "args": {"service_name": "optional", "cluster_id": "required", "name": "required",
                 "resolution": "optional", "retention_period_duration": "optional"},
        "computed": ["type"], "blocks": {}},
}

# The order fields the provider merges into ovh_cloud_project at run time (order.go
# genericOrderSchema, a loop the Go-source extractor does not follow): real code sets them.
_CONFIGURATION = {"args": {"label": "required", "value": "required"}, "computed": [],
                  "blocks": {}, "min": 0, "max": None}
_PLAN = {"args": {"catalog_name": "optional", "duration": "required", "plan_code": "required",
                  "pricing_mode": "required"}, "computed": [],
         "blocks": {"configuration": _CONFIGURATION}, "min": 0}
ORDER_FIELDS = {"args": {"ovh_subsidiary": "optional", "payment_mean": "optional"},
                "computed": ["order"],
                "blocks": {"plan": dict(_PLAN, max=1), "plan_option": dict(_PLAN, max=None)}}
ORDERED = ("ovh_cloud_project",)


def with_order_fields(block: dict) -> dict:
    return {"args": dict(sorted({**block["args"], **ORDER_FIELDS["args"]}.items())),
            "computed": sorted({*block["computed"], *ORDER_FIELDS["computed"]}),
            "blocks": dict(sorted({**block["blocks"], **ORDER_FIELDS["blocks"]}.items()))}


def compact(block: dict) -> dict:
    args: dict[str, str] = {}
    computed: list[str] = []
    for name, a in sorted(block.get("attributes", {}).items()):
        if a.get("required"):
            args[name] = "required"
        elif a.get("optional"):
            args[name] = "optional"
        else:
            computed.append(name)
    blocks = {name: dict(compact(b), min=b.get("min", 0), max=b.get("max"))
              for name, b in sorted(block.get("blocks", {}).items())}
    return {"args": args, "computed": computed, "blocks": blocks}


def main() -> None:
    src = json.load(gzip.open(sys.argv[1]))
    out = {
        "provider_version": src["meta"]["provider_version"],
        "resources": {t: with_order_fields(compact(b)) if t in ORDERED else compact(b)
                      for t, b in sorted(src["resources"].items())},
        "data_sources": {t: compact(b) for t, b in sorted(src["data_sources"].items())},
        "removed": REMOVED,
    }
    json.dump(out, sys.stdout, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
