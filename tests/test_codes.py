"""The diagnostic code table: every code used is registered, documented and exercised."""

from __future__ import annotations

import re
from pathlib import Path

from golden_cases import GOLDEN
from iac_translate.compiler.codes import CODES
from iac_translate.compiler.docs import markdown

ROOT = Path(__file__).resolve().parent.parent
USED = re.compile(r'"(IT\d{3})"')


def _used_codes() -> set[str]:
    found: set[str] = set()
    for d in ("compiler", "targets"):
        for p in (ROOT / d).rglob("*.py"):
            if p.name != "codes.py":
                found.update(USED.findall(p.read_text(encoding="utf-8")))
    return found


def test_every_used_code_is_registered() -> None:
    assert _used_codes() - set(CODES) == set()


def test_docs_are_generated_from_the_table() -> None:
    assert (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8") == markdown(), \
        "run: python -m iac_translate.compiler.docs > docs/diagnostics.md"


def test_most_codes_appear_in_golden_diagnostics() -> None:
    seen: set[str] = set()
    for f in GOLDEN.glob("*/expected/*/diagnostics.txt"):
        seen.update(re.findall(r"\b(IT\d{3})\b", f.read_text(encoding="utf-8")))
    # Codes only reachable from the CLI or from internal failures are tested elsewhere.
    elsewhere = {"IT001", "IT002", "IT003", "IT004", "IT005", "IT102", "IT103", "IT104",
                 "IT207", "IT901",
                 # AI frontend codes: asserted in tests/test_ai_frontend.py until the
                 # Kubernetes target gives AI inputs golden cases of their own.
                 "IT105", "IT106", "IT107", "IT108", "IT209", "IT210",
                 # lint-only codes: asserted in tests/test_lint_cmd.py.
                 "IT220", "IT221", "IT222", "IT223", "IT224",
                 # project `check` codes: asserted in tests/test_precommit.py.
                 "IT006", "IT007",
                 # output-directory and input-tree safety: asserted in tests/test_fs_safety.py.
                 "IT008", "IT009", "IT010", "IT011", "IT012", "IT013", "IT014",
                 # bad input (depth, escapes, long numbers, YAML tags/aliases, memory):
                 # asserted in tests/test_bad_input.py.
                 "IT109", "IT110", "IT111", "IT112", "IT113",
                 # input limits (16 MiB files, a million values): tests/test_hostile.py.
                 "IT115", "IT116",
                 # `verify` (bad OUT or SRC, a lost fact, a chart it cannot render):
                 # asserted in tests/test_verify.py.
                 "IT350", "IT351", "IT352", "IT353", "IT354",
                 # a module two estate roots translate differently: tests/test_estate.py.
                 "IT348",
                 # a call of the repository's own Git address (a golden input cannot hold
                 # the `.git/config` naming it): tests/test_own_remote.py.
                 "IT213",
                 # a reference to nothing the output defines is a translator bug the
                 # self-check catches (no golden case should have one): tests/test_selfcheck.py.
                 "IT326",
                 # a damaged `.terraform/modules` manifest: tests/test_downloaded_modules.py.
                 "IT017",
                 # what the translation writes with a missing or misplaced instance key, or
                 # an argument set twice (its own bugs; none left in the goldens):
                 # tests/test_selfcheck.py.
                 "IT381", "IT382"}
    assert set(CODES) - seen - elsewhere == set()
