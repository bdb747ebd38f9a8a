"""eks/storage.json: its schema, and every neutral value it answers (roles, Harbor objects)."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.passes import registry as R
from iac_translate.compiler.passes import storage as S
from iac_translate.targets.eks import s3parts
from jsonschema import Draft202012Validator

TARGETS = Path(__file__).parent.parent / "targets"


def _schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((TARGETS / "schemas" / name).read_text("utf-8")))


def test_table_matches_its_schema_and_its_companions_the_companions_schema() -> None:
    table = s3parts.table()
    for validator, doc in ((_schema("eks_storage.schema.json"), table),
                           (_schema("companions.schema.json"), table["companions"])):
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert not errors, errors


def test_every_neutral_role_and_harbor_object_is_answered() -> None:
    table = s3parts.table()
    assert set(table["managed_policies"]) - {"note"} == {r.value for r in S.Role}
    assert set(table["harbor_instead"]) - {"note"} == {h.value for h in R.HarborObject}
    assert set(table["versioning"]) == {v.value for v in S.Versioning}


def test_registry_statements_name_known_verbs() -> None:
    table = s3parts.table()
    verbs = set(table["ecr_actions"]) - {"note"}
    used = {v for st in table["registry_user_statements"] for v in st["verbs"]}
    assert used == verbs  # no verb without a statement, no statement of an unknown verb
