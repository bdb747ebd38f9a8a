"""The ovhai command-line word splitter against shlex (POSIX mode) and POSIX quoting rules."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ai_names, ai_sources
from iac_translate.compiler.frontends.shell_words import SplitError, words

CONT = "\\\n"  # a line continuation, removed by POSIX before words are split
BARE = st.text(st.sampled_from(list("abcXYZ019-_=./:@%+,<>~")), min_size=1, max_size=6)
SQ = st.text(st.sampled_from(list("ab \t\"\\$`#;&|\n-")), max_size=6).map(lambda s: f"'{s}'")
ESC = st.sampled_from(list("a '\"\\$#;&|-")).map(lambda c: "\\" + c)


@st.composite
def dquoted(draw: st.DrawFn) -> tuple[str, str]:
    """(text with continuations, the same text without them) of one double-quoted piece.
    shlex does not treat \\$ and \\` as escapes inside double quotes (POSIX does: tested
    below), so the generated escapes are \\" and \\\\ and backslashes before other chars."""
    parts = draw(st.lists(st.one_of(
        st.sampled_from(list("ab '#;&|$-\t")), st.sampled_from(['\\"', "\\\\", "\\a", "\\'"]),
        st.just(CONT)), max_size=8))
    text = "".join(parts)
    return f'"{text}"', '"' + "".join(p for p in parts if p != CONT) + '"'


@st.composite
def command_line(draw: st.DrawFn) -> tuple[str, str]:
    out, ref = [], []
    for i in range(draw(st.integers(1, 6))):
        if i:
            blank = draw(st.sampled_from([" ", "\t", "  ", f" {CONT}  ", f"{CONT} "]))
            out.append(blank)
            ref.append(blank.replace(CONT, ""))
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["bare", "sq", "dq", "esc"]))
            if kind == "dq":
                text, plain = draw(dquoted())
            else:
                text = draw({"bare": BARE, "sq": SQ, "esc": ESC}[kind])
                plain = text
            out.append(text)
            ref.append(plain)
    return "".join(out), "".join(ref)


@settings(max_examples=500, deadline=None)
@given(command_line())
def test_words_match_shlex(line: tuple[str, str]) -> None:
    text, without_continuations = line
    got = [w.text for w in words(text, "f.sh")]
    assert got == shlex.split(without_continuations, posix=True)
    assert [w.text for w in words(without_continuations, "f.sh")] == got


@pytest.mark.parametrize("text,expected", [
    ('bash -c "cd x && \\\n run"', ["bash", "-c", "cd x &&  run"]),
    ('"a\\$b\\`c"', ["a$b`c"]),  # POSIX: \\$ and \\` are escapes inside double quotes
    ('"a\\nb"', ["a\\nb"]),  # other backslashes stay
    ("a\\\nb", ["ab"]),  # a continuation inside a word joins it
    ("'a\\\nb'", ["a\\\nb"]),  # nothing is special inside single quotes
    ('x "multi\nline" y', ["x", "multi\nline", "y"]),
])
def test_posix_quoting(text: str, expected: list[str]) -> None:
    assert [w.text for w in words(text, "f.sh")] == expected


def test_spans_point_at_the_original_text() -> None:
    ws = words('ovhai job run \\\n  --cpu 2 "img:1"', "run.sh", 3, 5)
    assert [(w.text, w.span.line, w.span.column) for w in ws][-3:] == [
        ("--cpu", 4, 3), ("2", 4, 9), ("img:1", 4, 11)]


def test_unclosed_quote_is_located() -> None:
    with pytest.raises(SplitError) as e:
        words('ovhai app run "img:1', "run.sh", 2, 1)
    assert (e.value.span.line, e.value.span.column) == (2, 15)


def _names(files: dict[str, str]) -> list[str]:
    sink = Sink()
    return [w.name or "" for w in ai_names.assign(ai_sources.read_all(files, sink), sink)]


def test_unnamed_workloads_never_collide_across_files() -> None:
    cmd = "ovhai app run --cpu 1 registry.example.com/a/web:1\n"
    names = _names({"a/README.md": cmd, "b/README.md": "\n\n" + cmd + cmd})
    assert len(set(names)) == 3 and all(n.startswith("web-") for n in names)
    # Stable: not line numbers, and another file does not change a name.
    assert _names({"a/README.md": "\n\n\n" + cmd})[0] == names[0]


def test_options_after_the_image_are_options() -> None:
    sink = Sink()
    (w,) = ai_sources.read_file("README.md", "ovhai app run img:1 --name x --gpu 2 "
                                "--default-http-port 7860 -v d@GRA:/d:rw -- bash -c 'run --a'",
                                sink)
    assert (w.name, w.gpu, w.http_port, len(w.volumes)) == ("x", 2, 7860, 1)
    assert w.command == ("bash", "-c", "run --a")
    (j,) = ai_sources.read_file("r.sh", "ovhai job run img:1 --cpu 2 python t.py --epochs 3",
                                sink)
    assert (j.cpu, j.command) == (2, ("python", "t.py", "--epochs", "3"))


@pytest.mark.parametrize("text", ["ovhai app run --help", "ovhai job run", "run `ovhai app run`"])
def test_mentions_are_not_workloads(text: str) -> None:
    sink = Sink()
    assert ai_sources.read_file("README.md", text, sink) == []
    assert [d.code for d in sink.sorted()] == ["IT231"]


def test_a_placeholder_with_spaces_is_one_image() -> None:
    sink = Sink()
    (w,) = ai_sources.read_file("README.md", "ovhai job run --gpu 1 \\\n"
                                "  <Shared Docker Registries>/train:1.0.0\n", sink)
    assert (w.image, w.command, w.placeholders) == (
        "shared-docker-registries/train:1.0.0", (), ("image",))
    assert [d.code for d in sink.sorted()] == ["IT230"]


def test_quoted_options_are_options_quoted_redirections_are_arguments() -> None:
    sink = Sink()
    (w,) = ai_sources.read_file("r.sh", "ovhai job run img:1 \"--cpu\" 2 '--' echo '>' x >log",
                                sink)
    assert (w.cpu, w.command) == (2, ("echo", ">", "x"))
