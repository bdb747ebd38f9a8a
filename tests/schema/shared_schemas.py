"""Provider schemas only ../shared has (Scaleway: no cdktf package), found or skipped clearly."""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The checkout sits beside ../shared in CI and on the team's machines; elsewhere point
# IAC_TRANSLATE_SHARED at a copy of it. The product never reads it (tests/test_architecture.py).
ENV = "IAC_TRANSLATE_SHARED"


def shared_dir() -> Path:
    return Path(os.environ.get(ENV) or ROOT.parent / "shared")


def schema_path(provider: str) -> Path:
    return shared_dir() / "oracles" / "schemas" / f"{provider}.schema.json.gz"


def missing_reason(provider: str) -> str | None:
    """Why the schema cannot be read (None when it can): the message a skipping test gives."""
    path = schema_path(provider)
    if path.is_file():
        return None
    return (f"{provider} provider schema not found at {path}: it is not extracted into "
            f"tests/data/schemas (no @cdktf package for it); tests that check against it need "
            f"../shared/oracles/schemas beside the checkout, or {ENV}=<path of shared>")


@cache
def load(provider: str) -> dict[str, Any]:
    """The schema document (same shape as tests/data/schemas/*.json.gz); FileNotFoundError
    with `missing_reason` when absent."""
    reason = missing_reason(provider)
    if reason:
        raise FileNotFoundError(reason)
    with gzip.open(schema_path(provider), "rt", encoding="utf-8") as f:
        doc: dict[str, Any] = json.load(f)
    return doc


def require(provider: str) -> dict[str, Any]:
    """For tests: the schema, or pytest.skip saying where it was looked for."""
    import pytest
    reason = missing_reason(provider)
    if reason:
        pytest.skip(reason)
    return load(provider)


def scaleway() -> dict[str, Any]:
    return require("scaleway")


def with_shared(*providers: str) -> Any:
    """tfcheck Schemas of tests/data/schemas plus the named ../shared ones (skips when one is
    absent): what a test checking Scaleway output against the provider schema loads."""
    from schema.tfcheck import Schemas, load_schemas
    found = dict(load_schemas(ROOT / "tests" / "data" / "schemas").providers)
    for p in providers:
        found[p] = require(p)
    return Schemas(found)
