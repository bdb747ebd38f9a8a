"""Probe translations: one small configuration per OVH argument, and the status translate gives it.

They are the check that the tables (compiler/passes/fields_*.json, targets/<t>/fields.json)
tell the truth (tests/test_target_fields.py), and what `explain` shows a type becomes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .codes import Severity
from .diagnostics import Diagnostic
from .frontends import ovh_types

# Codes located on a probed line -> the status they say (first match wins).
STATUS = (("unsupported", {"IT305"}), ("not translated", {"IT338"}),
          ("not applicable", {"IT310"}), ("dropped", {"IT302"}),
          ("approximated", {"IT301", "IT303", "IT304", "IT308", "IT309", "IT311", "IT312"}),
          ("mapped", {"IT306"}))
WHOLE = ("unsupported", "not translated", "not applicable")  # of the resource, not an arg
# The probe's status in the tables' words (targets/schemas/target_fields.schema.json).
AS_TABLE = {"exact": "exact", "mapped": "exact", "approximated": "approximated",
            "dropped": "unsupported", "unsupported": "unsupported",
            "not translated": "unsupported", "not applicable": "not_applicable"}


# Arguments that mean something only with another set: probed together (min_nodes alone is
# ignored with an IT302, which says nothing of what the target does with a pool's bounds).
WITH = {f"ovh_cloud_project_kube_nodepool.{a}": ("autoscale",) for a in (
    "min_nodes", "max_nodes", "autoscaling_scale_down_unneeded_time_seconds",
    "autoscaling_scale_down_unready_time_seconds", "autoscaling_scale_down_utilization_threshold")}


@dataclass(frozen=True)
class Probe:
    """A probe configuration: `text` (main.tf), the line of the probed resource and of each
    of its arguments."""

    text: str
    header: int
    lines: dict[str, int]


@dataclass(frozen=True)
class Observed:
    """What translating a probe did to one argument."""

    status: str  # a STATUS name, or exact
    codes: tuple[str, ...]  # the codes that say it (at the argument, or at its resource)
    becomes: tuple[str, ...]  # what the probed resource became
    broken: tuple[str, ...] = ()  # IT1xx/IT9xx: the probe did not parse, or translate failed


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, Any], dict[str, Any]]:
    """Samples and parents (compiler/explain_probes.json), argument types from the provider
    schema (compiler/explain_types.json, tests/schema/gen_probe_types.py)."""
    here = resources.files("iac_translate.compiler")
    probes = json.loads(here.joinpath("explain_probes.json").read_text(encoding="utf-8"))
    types = json.loads(here.joinpath("explain_types.json").read_text(encoding="utf-8"))
    return probes, types["types"]


def _typed(spec: Any) -> str:
    """A one-line HCL value of the schema type `spec` (see gen_probe_types.py)."""
    if isinstance(spec, dict):
        fields = spec["object"]
        keep = [n for n in fields if n.endswith("!")] or list(fields)
        obj = "{ " + ", ".join(f"{n.rstrip('!')} = {_typed(fields[n])}" for n in keep) + " }"
        return f"[{obj}]" if spec["list"] else obj
    if spec == "number":
        return "2"
    if spec == "bool":
        return "true"
    if spec.startswith(("list(map", "set(map")):
        return '[{ key = "x" }]'
    if spec.startswith(("list(", "set(")):
        return '["x"]'
    if spec.startswith("map("):
        return '{ key = "x" }'
    return '"x"'


def _value(type_: str, name: str) -> str:
    samples, types = _data()[0]["samples"], _data()[1]
    typed = _typed(types.get(type_, {}).get(name, "string"))
    own = samples.get(f"{type_}.{name}")
    if own is not None:
        return own
    # A sample by name only where it has the argument's shape (`network` is a CIDR string
    # on subnets, an object on load balancers).
    found = samples.get(name)
    return found if found is not None and _shape(found) == _shape(typed) else typed


def _shape(value: str) -> str:
    return value[0] if value[0] in '[{"' else "scalar"


def _parent(type_: str, name: str) -> dict[str, Any] | None:
    parents = _data()[0]["parents"]
    found = parents.get(f"{type_}.{name}") or parents.get(name)
    return found if found is not None and found["type"] != type_ else None


def _block(type_: str, label: str, names: list[str], extra: dict[str, str],
           out: list[str], depth: int) -> list[str]:
    """Lines of `type_` with `names` set, its parents' blocks added to `out` first."""
    spec = ovh_types.schema()["resources"].get(type_, {})
    lines = [f'resource "{type_}" "{label}" {{']
    for n in names:
        parent = _parent(type_, n) if depth < 3 else None
        if parent is None:
            value = extra.get(n) or _value(type_, n)
        else:  # a reference to a declared parent, as real configurations write it
            plabel = f"{label}_{n}"
            out += _block(parent["type"], plabel, required(parent["type"]),
                          parent.get("args", {}), out, depth + 1) + ["}", ""]
            value = f"{parent['type']}.{plabel}.{parent['attr']}"
        lines.append(f"  {n} = {value}")
    for n, sub in sorted(spec.get("blocks", {}).items()):
        if sub.get("min", 0) >= 1:
            lines += [f"  {n} {{", "  }"]
    return lines


def required(type_: str) -> list[str]:
    args = ovh_types.schema()["resources"].get(type_, {}).get("args", {})
    return sorted(n for n, f in args.items() if f == "required")


def probe(type_: str, names: tuple[str, ...] = ()) -> Probe:
    """The probe for `type_`: its required arguments plus `names`, with realistic values
    (samples, values of the schema type, references to declared parents)."""
    before: list[str] = []
    args = sorted(set(required(type_)) | set(names))
    lines = _block(type_, "r", args, {}, before, 0)
    header = len(before) + 1
    at = {n: header + 1 + i for i, n in enumerate(args)}
    return Probe("\n".join(before + lines) + "\n}\n", header, at)


def status_at(diags: list[Diagnostic], line: int) -> str | None:
    """The status the diagnostics located on `line` of main.tf give (None: none applies)."""
    codes = {d.code for d in diags if d.span and d.span.file == "main.tf" and
             d.span.line == line}
    return next((s for s, cs in STATUS if codes & cs), None)


def run(p: Probe, target: str) -> tuple[list[Diagnostic], tuple[str, ...]]:
    """Translate probe `p` for `target`: its diagnostics that say a status (and any IT1xx or
    IT9xx), what the probed resource became."""
    from .api import translate
    result = translate({"main.tf": p.text}, target)
    diags = [d for d in result.diagnostics if d.severity is not Severity.INFO or
             d.code in ("IT306", "IT310")]
    # What the probed resource became (its parents' objects are not its own).
    mine = {addr for span, addr in result.trace if span is None or span.line >= p.header}
    return diags, tuple(sorted(mine))


def observe(type_: str, arg: str, target: str) -> Observed:
    """The status translating a probe that sets top-level argument `arg` gives it."""
    flag = ovh_types.schema()["resources"][type_]["args"][arg]
    p = probe(type_, (() if flag == "required" else (arg,)) + WITH.get(f"{type_}.{arg}", ()))
    diags, becomes = run(p, target)
    base = status_at(diags, p.header)
    own = status_at(diags, p.lines[arg])
    status = own or (base if base in WHOLE else "exact")
    line = p.lines[arg] if own else p.header
    codes = dict(STATUS).get(status, set())
    at = sorted({d.code for d in diags if d.span and d.span.file == "main.tf"
                 and d.span.line == line and d.code in codes})
    broken = tuple(sorted({d.code for d in diags if d.code.startswith(("IT1", "IT9"))}))
    return Observed(status, tuple(at), becomes, broken)
