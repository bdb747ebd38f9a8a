"""Regenerate compiler/explain_types.json (the type of every non-string OVH argument) for the
probes of `explain`, from the same provider schema dump as gen_ovh_schema.py.

Usage:
    python tests/schema/gen_probe_types.py PATH/TO/ovh.schema.json.gz \
        > compiler/explain_types.json
"""

from __future__ import annotations

import gzip
import json
import sys
from typing import Any


def spec(attr: dict[str, Any]) -> Any:
    """"number", "bool", "list(string)", ... or, for objects, {"object": {name: spec},
    "list": bool} keeping the nested attributes (required ones marked with "!")."""
    kind = attr.get("type", "string")
    nested = attr.get("nested", {}).get("attributes")
    if nested is None:
        return kind
    return {"list": kind.startswith(("list(", "set(")),
            "object": {name + ("!" if a.get("required") else ""): spec(a)
                       for name, a in sorted(nested.items())}}


def main() -> None:
    src = json.load(gzip.open(sys.argv[1]))
    types = {}
    for t, block in sorted(src["resources"].items()):
        found = {name: spec(a) for name, a in sorted(block.get("attributes", {}).items())
                 if (a.get("required") or a.get("optional")) and spec(a) != "string"}
        if found:
            types[t] = found
    json.dump({"provider_version": src["meta"]["provider_version"], "types": types},
              sys.stdout, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
