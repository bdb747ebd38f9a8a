"""Draft targets/<t>/fields.json from probe translations: what the target does per neutral field.

Run: python tests/schema/gen_target_fields.py --target eks (writes targets/eks/fields.json).
Each OVH argument with a neutral destination is probed as `explain` does; a field's status is
the one most of its arguments get (the others are named in its note), its code the diagnostic
the lowering gives there. Review the diff: the table is data a human owns once written.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from iac_translate.compiler import explain as X
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.passes import fields

ROOT = Path(__file__).resolve().parents[2]
STATUS = {"exact": "exact", "mapped": "exact", "approximated": "approximated",
          "dropped": "unsupported", "unsupported": "unsupported",
          "not translated": "unsupported", "not applicable": "not_applicable"}
CODES = dict(X._STATUS)


def probe_arg(type_: str, arg: str, target: str,
              required: bool) -> tuple[str, str | None, tuple[str, ...]]:
    p, diags, becomes = X._run(X.probe(type_, () if required else (arg,)), target)
    base = X.status_at(diags, p.header)
    status = X.status_at(diags, p.lines[arg]) or (base if base in X._WHOLE else "exact")
    line = p.lines[arg] if X.status_at(diags, p.lines[arg]) else p.header
    at = sorted(d.code for d in diags if d.span and d.span.file == "main.tf"
                and d.span.line == line and d.code in CODES.get(status, set()))
    return status, (at[0] if at else None), becomes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True)
    target = ap.parse_args().target
    resources = ovh_types.schema()["resources"]
    per_field: dict[str, list[tuple[str, str, str | None, tuple[str, ...]]]] = {}
    for field, args in fields.neutral_fields().items():
        for where in args:
            type_, _, arg = where.partition(".")
            top = arg.split(".")[0]
            if type_ not in resources or top not in resources[type_].get("args", {}):
                continue
            required = resources[type_]["args"][top] == "required"
            status, code, becomes = probe_arg(type_, top, target, required)
            per_field.setdefault(field, []).append((where, STATUS[status], code, becomes))
    out: dict[str, dict[str, str]] = {}
    for field in fields.neutral_fields():
        seen = per_field.get(field)
        if not seen:
            continue
        counts = Counter(s for _, s, _, _ in seen)
        status = counts.most_common(1)[0][0]
        codes = Counter(c for _, s, c, _ in seen if s == status and c)
        types = sorted({a.split(".")[0] for _, s, _, b in seen if s == status for a in b
                        if not a.startswith(("ovh_", "data."))})
        entry = {"status": status, "to": ", ".join(types) or "nothing"}
        others = sorted(f"{w} ({s})" for w, s, _, _ in seen if s != status)
        if others:
            entry["note"] = "except " + "; ".join(others)
        if codes:
            entry["code"] = codes.most_common(1)[0][0]
        out[field] = entry
    path = ROOT / "targets" / target / "fields.json"
    old = json.loads(path.read_text()) if path.exists() else {"fields": {}}
    merged = {**out, **{k: v for k, v in old["fields"].items() if k not in out}}
    doc = {"note": old.get("note", f"What the {target} target does with each neutral field "
                                   "(compiler/passes/fields_*.json destinations)."),
           "fields": dict(sorted(merged.items()))}
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
