"""targets/eks/platform.json: the EKS target's choices that are data, checked against its schema."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

from iac_translate.compiler.codes import CODES
from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.passes import kube as K
from iac_translate.targets.eks.placement import platform
from jsonschema import Draft202012Validator

TARGETS = Path(__file__).parent.parent / "targets"
PATH = TARGETS / "eks" / "platform.json"


def test_matches_its_schema_and_is_canonical():
    schema = json.loads((TARGETS / "schemas" / "eks_platform.schema.json").read_text("utf-8"))
    data = json.loads(PATH.read_text("utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    assert json.dumps(data, indent=2, sort_keys=True) + "\n" == PATH.read_text("utf-8")
    assert platform() == data


def test_every_ovh_value_has_its_eks_choice():
    data = platform()
    assert set(data["cluster"]["support_type"]) == {p.value for p in K.UpdatePolicy}
    assert set(data["node_groups"]["taint_effects"]) == {e.value for e in K.TaintEffect}
    assert data["node_groups"]["gpu_taint"]["effect"] in \
        data["node_groups"]["taint_effects"].values()
    images = data["images"]
    assert images["fallback"] in images["ssm"]  # the fallback is an SSM lookup
    assert not set(images["ssm"]) & set(images["owned"])


def test_ignore_changes_targets_are_traversals():
    for renames in platform()["ignore_changes"]["types"].values():
        for targets in renames.values():
            for t in targets:
                assert E.traversal(parse_expression_text(t, "<t>")) is not None, t


def _note_calls() -> list[tuple[str, str, set[str], bool]]:
    """(file, key, keyword names, **spread) of every `note(ctx, "key", span, ...)` call."""
    out = []
    shared = [TARGETS / "tfbase" / "kube_attach.py"]  # says eks notes for the eks family
    for path in [*sorted((TARGETS / "eks").glob("*.py")), *shared]:
        for call in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and \
                    call.func.id == "note" and isinstance(call.args[1], ast.Constant):
                out.append((path.name, call.args[1].value,
                            {k.arg for k in call.keywords if k.arg},
                            any(k.arg is None for k in call.keywords)))
    return out


def test_notes_are_used_registered_and_filled_by_their_callers():
    notes = {k: v for k, v in platform()["notes"].items() if k != "note"}
    calls = _note_calls()
    assert {key for _, key, _, _ in calls} == set(notes)  # none missing, none left unused
    assert {n["code"] for n in notes.values()} <= set(CODES)
    for path, key, given, spread in calls:
        wanted = {f for part in ("text", "hint") for _, f, _, _ in
                  string.Formatter().parse(notes[key].get(part, "")) if f}
        assert wanted <= given or spread, (path, key, wanted - given)
        assert spread or given <= wanted, (path, key, given - wanted)
