"""The indexed lookups that replaced whole scans (issue 11) answer exactly what the scans did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from iac_translate.compiler.codes import Severity
from iac_translate.compiler.diagnostics import Diagnostic
from iac_translate.compiler.report import _assign
from iac_translate.compiler.span import Span
from iac_translate.targets.tfbase.placeholders import Loud

FILES = ("a.tf", "b.tf")
spans = st.builds(lambda f, line, length, multi: Span(f, line, 1, line + length if multi else 0),
                  st.sampled_from(FILES), st.integers(1, 40), st.integers(0, 90), st.booleans())
severities = st.sampled_from([Severity.ERROR, Severity.WARNING, Severity.INFO])


def _diag(span: Span | None, severity: Severity, code: str = "IT302") -> Diagnostic:
    return Diagnostic(span, code, "m", severity)


def _overlaps(diags: list[Diagnostic], at: Span) -> bool:
    """The former scan: any loud diagnostic whose lines overlap `at`'s."""
    end = at.end_line or at.line
    return any(d.span is not None and d.severity is not Severity.INFO and d.span.file == at.file
               and d.span.line <= end and at.line <= (d.span.end_line or d.span.line)
               for d in diags)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), spans), severities), max_size=30),
       st.lists(spans, min_size=1, max_size=10))
def test_loud_lines_match_the_overlap_scan(found: list[tuple[Span | None, Severity]],
                                           asked: list[Span]) -> None:
    diags = [_diag(s, sev) for s, sev in found]
    half = len(diags) // 2
    loud = Loud(diags[:half])
    loud.add(diags[half:])  # the self-check adds its own findings as it goes
    for at in asked:
        assert loud.beside(at) == _overlaps(diags, at)
    assert loud.codes == {302 for d in diags if d.severity is not Severity.INFO}


def _holder_scan(d: Diagnostic, objects: list[Span]) -> int | None:
    """The former assignment: the latest-starting object holding the line, first on ties."""
    def inside(s: Span | None, outer: Span) -> bool:
        return s is not None and s.file == outer.file and \
            outer.line <= s.line <= (outer.end_line or outer.line)
    holders = [k for k, o in enumerate(objects) if inside(d.span, o)]
    return max(holders, key=lambda k: objects[k].line) if holders else None


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=25), st.lists(st.one_of(st.none(), spans), max_size=25))
def test_report_assignment_matches_the_scan(objects: list[Span],
                                            at: list[Span | None]) -> None:
    objects.sort(key=lambda s: (s.file, s.line))  # as report.build sorts its objects
    diags = [_diag(s, Severity.WARNING) for s in at]
    expected: dict[int, list[int]] = {}
    for i, d in enumerate(diags):
        k = _holder_scan(d, objects)
        if k is not None:
            expected.setdefault(k, []).append(i)
    assert _assign(diags, objects) == expected
