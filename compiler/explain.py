"""`explain`: what the translator does with a source type, argument by argument, by running it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import guard
from .api import target_facts, translate
from .codes import Severity
from .diagnostics import Diagnostic
from .frontends import ovh_types

# Realistic values for arguments whose meaning depends on the OVH vocabulary; others get "x".
_SAMPLES = {"flavor_name": '"b3-8"', "flavor": '"db1-4"', "region": '"GRA11"',
            "region_name": '"GRA"', "availability_zones": '["eu-west-par-a"]',
            "engine": '"postgresql"', "version": '"16"', "plan": '"essential"',
            "autoscale": "true", "desired_nodes": "2", "min_nodes": "1", "max_nodes": "3"}
_STATUS = (("unsupported", {"IT305"}), ("not translated", {"IT338"}),
           ("not applicable", {"IT310"}), ("dropped", {"IT302"}),
           ("approximated", {"IT301", "IT303", "IT304", "IT308", "IT309", "IT311", "IT312"}),
           ("mapped", {"IT306"}))


@dataclass(frozen=True)
class ArgRule:
    name: str
    required: bool
    status: str  # exact, mapped, approximated, dropped, unsupported, not translated, n/a
    detail: str  # the translator's own message, when it said something


@dataclass(frozen=True)
class Explanation:
    type: str
    target: str
    status: str  # of the resource as a whole
    rule: str
    reversibility: str
    becomes: tuple[str, ...]
    args: tuple[ArgRule, ...]


def known_types() -> list[str]:
    return sorted(ovh_types.schema()["resources"])


@guard.raising
def explain(type_: str, target: str = "gke") -> Explanation | None:
    """Probe `type_` with a minimal block, then once per optional argument; None if unknown."""
    block = ovh_types.schema()["resources"].get(type_)
    if block is None:
        return None
    facts = target_facts(target)
    kind = _kind(type_)
    base = _run(type_, block, None, target)
    header = [d for d in base[0] if d.span and d.span.line == 1]
    base_status = _status({d.code for d in header}) or "translated"
    args = []
    for name, flag in sorted(block.get("args", {}).items()):
        if name == "id":
            continue
        diags, _ = _run(type_, block, name, target) if flag != "required" else base
        # Each argument sits on its own line, so its diagnostics are those located there.
        line = _line_of(type_, block, name if flag != "required" else None, name)
        here = [d for d in diags if d.span and d.span.line == line]
        status = _status({d.code for d in here}) or (
            base_status if base_status in ("unsupported", "not translated", "not applicable")
            else "exact")
        detail = "; ".join(sorted({d.message for d in here if d.code != "IT306"}))
        args.append(ArgRule(name, flag == "required", status, detail))
    return Explanation(type_, target, base_status, facts.rules.get(kind, facts.fallback_rule),
                       facts.class_of(kind, type_), base[1], tuple(args))


def _kind(type_: str) -> str:
    return ovh_types.classify(type_, "managed")[0].KIND


def _lines(type_: str, block: dict[str, Any], probe: str | None) -> list[str]:
    def arg(n: str) -> str:
        return "  " + n + " = " + _SAMPLES.get(n, '"x"')
    lines = [f'resource "{type_}" "r" {{']
    if probe is not None:
        lines.append(arg(probe))
    lines += [arg(n) for n, f in sorted(block.get("args", {}).items())
              if f == "required" and n != probe]
    lines += [f"  {n} {{\n  }}" for n, sub in sorted(block.get("blocks", {}).items())
              if sub.get("min", 0) >= 1]
    return lines


def _line_of(type_: str, block: dict[str, Any], probe: str | None, name: str) -> int:
    prefix = f"  {name} = "
    return next(i for i, text in enumerate(_lines(type_, block, probe), 1)
                if text.startswith(prefix))


def _status(codes: set[str]) -> str | None:
    return next((s for s, cs in _STATUS if codes & cs), None)


def _run(type_: str, block: dict[str, Any], probe: str | None,
         target: str) -> tuple[list[Diagnostic], tuple[str, ...]]:
    lines = _lines(type_, block, probe)
    result = translate({"main.tf": "\n".join(lines) + "\n}\n"}, target)
    diags = [d for d in result.diagnostics if d.severity is not Severity.INFO or
             d.code in ("IT306", "IT310")]
    return diags, tuple(sorted({addr for _, addr in result.trace}))
