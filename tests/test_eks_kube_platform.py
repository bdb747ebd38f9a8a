"""targets/eks/platform.json: the EKS target's choices that are data, checked against its schema."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.passes import kube as K
from iac_translate.targets.eks.images import platform
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
