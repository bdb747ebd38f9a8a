"""Golden cases: outputs AND diagnostics compared both ways; update with --update-golden."""

from __future__ import annotations

import pytest
from golden_cases import DIAGNOSTICS, Case, cases, read_expected, run, write_expected
from iac_translate.compiler.codes import Severity

CASES = [(c, t) for c in cases() for t in c.targets]


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 30, "the golden suite lost cases"


@pytest.mark.parametrize("case,target", CASES, ids=[f"{c.name}-{t}" for c, t in CASES])
def test_golden(case: Case, target: str, update_golden: bool) -> None:
    result, actual = run(case, target)
    assert not any(d.code.startswith("IT9") for d in result.diagnostics), \
        [d for d in result.diagnostics if d.code.startswith("IT9")]
    if case.name.startswith("err_"):
        assert any(d.severity is Severity.ERROR for d in result.diagnostics)
        assert not result.files, "a case with a syntax error must produce no output files"
    if case.name.startswith("lossy_"):
        assert any(d.code in ("IT202", "IT302", "IT301") for d in result.diagnostics)
    if update_golden:
        changed = write_expected(case, target, actual)
        if changed:
            print(f"updated {case.name}/{target}: {', '.join(changed)}")
        return
    expected = read_expected(case, target)
    assert expected, f"no expected output for {case.name}/{target}: run pytest --update-golden"
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    assert not missing, f"expected files not produced: {missing}"
    assert not extra, f"produced files not in expected/: {extra}"
    for rel in sorted(expected):
        assert actual[rel] == expected[rel], f"{case.name}/{target}/{rel} differs"
    assert DIAGNOSTICS in expected
