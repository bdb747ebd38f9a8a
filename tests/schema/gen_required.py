"""Required arguments of the resource types a target emits, from the provider schemas."""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "data" / "schemas"
# A resource type named in a target's lowerings: `"google_x_y"` as a string literal.
_TYPE = re.compile(r"""["'](google_[a-z0-9_]+)["']""")


def emitted_types(target_dir: Path, schema: dict[str, Any], kind: str = "resources"
                  ) -> list[str]:
    names = {m.group(1) for f in sorted(target_dir.glob("*.py"))
             for m in _TYPE.finditer(f.read_text(encoding="utf-8"))}
    return sorted(n for n in names if n in schema[kind])


def _required(body: dict[str, Any]) -> dict[str, Any]:
    """{"args": [...], "blocks": {name: {...}}} keeping only what must be written."""
    attrs = body.get("attributes", {})
    out: dict[str, Any] = {"args": sorted(a for a, spec in attrs.items() if spec.get("required"))}
    strings = [a for a in out["args"] if attrs[a].get("type") == "string"]
    if strings:  # these can hold a TODO placeholder and stay schema-valid
        out["strings"] = strings
    blocks = {}
    for name, spec in sorted(body.get("blocks", {}).items()):
        inner = _required(spec)
        if spec.get("min", 0) >= 1 or inner["args"] or inner.get("blocks"):
            blocks[name] = {"min": int(spec.get("min", 0)), **inner}
    if blocks:
        out["blocks"] = blocks
    return out


def build(target: str = "gke", provider: str = "google") -> dict[str, Any]:
    with gzip.open(SCHEMAS / f"{provider}.schema.json.gz", "rt", encoding="utf-8") as f:
        schema = json.load(f)
    where = ROOT / "targets" / target
    return {"provider": f"{provider} {schema.get('meta', {}).get('provider_version', '')}".strip(),
            "generated_by": "tests/schema/gen_required.py",
            **{kind: {t: _required(schema[kind][t]) for t in emitted_types(where, schema, kind)}
               for kind in ("resources", "data_sources")}}


def render(doc: dict[str, Any]) -> str:
    """The canonical form every data file under targets/ has (tests/test_mapping_data.py)."""
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", default="gke")
    args = ap.parse_args()
    out = ROOT / "targets" / args.target / "required.json"
    out.write_text(render(build(args.target)), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
