"""Draft targets/<t>/fields.json from probe translations: what the target does per neutral field.

Run: python tests/schema/gen_target_fields.py --target eks (writes targets/eks/fields.json).
Each OVH argument with a neutral destination is probed (compiler/explain_probe.py); a field's
status is the one most of its arguments get, the others are its `except` entries, its code the
diagnostic the lowering gives there.  Fields no probe sets and the `whole` treatments are kept
as written.  Review the diff: the table is data a human owns once written (notes included);
tests/test_target_fields.py says where it and the lowering disagree.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from iac_translate.compiler import explain_probe as P
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.passes import fields

ROOT = Path(__file__).resolve().parents[2]
Seen = tuple[str, str, str | None, str]  # where, status, code, what it became


def _became(becomes: tuple[str, ...]) -> str:
    types = sorted({a.split(".")[0] for a in becomes if not a.startswith(("ovh_", "data."))})
    return ", ".join(types) or "nothing"


def _entry(status: str, code: str | None, to: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"status": status,
                             "to": to if status in ("exact", "approximated") else "nothing"}
    if code:
        entry["code"] = code
    return entry


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True)
    target = ap.parse_args().target
    resources = ovh_types.schema()["resources"]
    per_field: dict[str, list[Seen]] = {}
    for field, args in fields.neutral_fields().items():
        for where in args:
            type_, _, arg = where.partition(".")
            if type_ not in resources or arg not in resources[type_].get("args", {}):
                continue
            o = P.observe(type_, arg, target)
            per_field.setdefault(field, []).append(
                (where, P.AS_TABLE[o.status], o.codes[0] if o.codes else None,
                 _became(o.becomes)))
    path = ROOT / "targets" / target / "fields.json"
    old = json.loads(path.read_text()) if path.exists() else {"fields": {}}
    out: dict[str, dict[str, Any]] = {}
    for field, seen in per_field.items():
        status, code = Counter((s, c) for _, s, c, _ in seen).most_common(1)[0][0]
        tos = [to for _, s, c, to in seen if (s, c) == (status, code)]
        entry = _entry(status, code, Counter(tos).most_common(1)[0][0])
        if "note" in old["fields"].get(field, {}):
            entry["note"] = old["fields"][field]["note"]
        others = {w: _entry(s, c, to) for w, s, c, to in seen if (s, c) != (status, code)}
        if others:
            entry["except"] = dict(sorted(others.items()))
        out[field] = entry
    merged = {**old["fields"], **out}
    doc = {"note": old.get("note", f"What the {target} target does with each neutral field "
                                   "(compiler/passes/fields_*.json destinations)."),
           "fields": dict(sorted(merged.items())),
           "whole": old.get("whole", {
               "ovh_only": {"status": "not_applicable", "code": "IT310", "to": "nothing",
                            "note": "omitted: the type means nothing on the target"},
               "no_concept": {"status": "unsupported", "code": "IT305",
                              "to": "a TODO placeholder", "note": "a human decides (IT305)"}})}
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
