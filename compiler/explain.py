"""`explain`: what the translator does with a source type, argument by argument, by running it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from . import guard
from .api import target_facts, translate
from .codes import Severity
from .diagnostics import Diagnostic
from .frontends import ovh_types

_STATUS = (("unsupported", {"IT305"}), ("not translated", {"IT338"}),
           ("not applicable", {"IT310"}), ("dropped", {"IT302"}),
           ("approximated", {"IT301", "IT303", "IT304", "IT308", "IT309", "IT311", "IT312"}),
           ("mapped", {"IT306"}))
_WHOLE = ("unsupported", "not translated", "not applicable")  # of the resource, not an arg


@dataclass(frozen=True)
class ArgRule:
    name: str
    required: bool
    status: str  # exact, mapped, approximated, dropped, unsupported, not translated, n/a
    detail: str  # the translator's own message, when it said something; "depends on ..."


@dataclass(frozen=True)
class Explanation:
    type: str
    target: str
    status: str  # of the resource as a whole
    rule: str
    reversibility: str
    becomes: tuple[str, ...]
    args: tuple[ArgRule, ...]


@dataclass(frozen=True)
class Probe:
    """A probe configuration: `text` (main.tf), the line of the probed resource and of each
    of its arguments."""

    text: str
    header: int
    lines: dict[str, int]


def known_types() -> list[str]:
    return sorted(ovh_types.schema()["resources"])


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
            out += _block(parent["type"], plabel, _required(parent["type"]),
                          parent.get("args", {}), out, depth + 1) + ["}", ""]
            value = f"{parent['type']}.{plabel}.{parent['attr']}"
        lines.append(f"  {n} = {value}")
    for n, sub in sorted(spec.get("blocks", {}).items()):
        if sub.get("min", 0) >= 1:
            lines += [f"  {n} {{", "  }"]
    return lines


def _required(type_: str) -> list[str]:
    args = ovh_types.schema()["resources"].get(type_, {}).get("args", {})
    return sorted(n for n, f in args.items() if f == "required")


def probe(type_: str, names: tuple[str, ...] = ()) -> Probe:
    """The probe for `type_`: its required arguments plus `names`, with realistic values
    (samples, values of the schema type, references to declared parents)."""
    before: list[str] = []
    args = sorted(set(_required(type_)) | set(names))
    lines = _block(type_, "r", args, {}, before, 0)
    header = len(before) + 1
    at = {n: header + 1 + i for i, n in enumerate(args)}
    return Probe("\n".join(before + lines) + "\n}\n", header, at)


def status_at(diags: list[Diagnostic], line: int) -> str | None:
    """The status the diagnostics located on `line` of main.tf give (None: none applies)."""
    codes = {d.code for d in diags if d.span and d.span.file == "main.tf" and
             d.span.line == line}
    return next((s for s, cs in _STATUS if codes & cs), None)


@guard.raising
def explain(type_: str, target: str = "gke") -> Explanation | None:
    """Probe `type_` with its required arguments, then once per optional argument; an
    argument whose status changes when another is set says it depends on it."""
    block = ovh_types.schema()["resources"].get(type_)
    if block is None:
        return None
    facts = target_facts(target)
    kind = ovh_types.classify(type_, "managed")[0].KIND
    runs: dict[tuple[str, ...], tuple[Probe, list[Diagnostic], tuple[str, ...]]] = {}

    def run(names: tuple[str, ...]) -> tuple[Probe, list[Diagnostic], tuple[str, ...]]:
        if names not in runs:
            runs[names] = _run(probe(type_, names), target)
        return runs[names]

    base_probe, base_diags, becomes = run(())
    base = status_at(base_diags, base_probe.header) or "translated"

    def arg_status(names: tuple[str, ...], name: str) -> tuple[str, str]:
        p, diags, _ = run(names)
        line = p.lines[name]
        here = [d for d in diags if d.span and d.span.file == "main.tf" and d.span.line == line]
        status = status_at(diags, line) or (base if base in _WHOLE else "exact")
        return status, "; ".join(sorted({d.message for d in here if d.code != "IT306"}))

    optional = [n for n, f in sorted(block.get("args", {}).items())
                if f == "optional" and n != "id"]
    full = tuple(optional)
    args = []
    for name, flag in sorted(block.get("args", {}).items()):
        if name == "id" and flag != "required":  # the computed id, settable for imports
            continue
        own = () if flag == "required" else (name,)
        status, detail = arg_status(own, name)
        if optional and arg_status(full, name)[0] != status:
            # Set together with the others it changes: name the one that changes it.
            for other in (o for o in optional if o != name):
                with_it = arg_status(tuple(sorted({*own, other})), name)[0]
                if with_it != status:
                    detail = "; ".join(x for x in (f"depends on `{other}` ({with_it} "
                                                   "with it)", detail) if x)
                    break
        args.append(ArgRule(name, flag == "required", status, detail))
    return Explanation(type_, target, base, facts.rules.get(kind, facts.fallback_rule),
                       facts.class_of(kind, type_), becomes, tuple(args))


def _run(p: Probe, target: str) -> tuple[Probe, list[Diagnostic], tuple[str, ...]]:
    result = translate({"main.tf": p.text}, target)
    diags = [d for d in result.diagnostics if d.severity is not Severity.INFO or
             d.code in ("IT306", "IT310")]
    # What the probed resource became (its parents' objects are not its own).
    mine = {addr for span, addr in result.trace if span is None or span.line >= p.header}
    return p, diags, tuple(sorted(mine))
