"""Shared pytest setup: tests/ on sys.path and the --update-golden option."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The result cache would let a test that patches the translator read an earlier run's result:
# off for the suite (and its subprocesses); tests/test_cache.py turns it on in a temp dir.
os.environ.setdefault("IAC_TRANSLATE_NO_CACHE", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden/*/expected/ from the current translator output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden")) or \
        os.environ.get("IT_UPDATE_GOLDEN") == "1"
