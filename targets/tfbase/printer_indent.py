"""Indentation of written Terraform recomputed exactly as hclwrite's formatIndent does."""

from __future__ import annotations

from bisect import bisect_right

from iac_translate.compiler.hcl.brackets import brackets
from iac_translate.compiler.hcl.lexer import LexError


def reindent(text: str) -> str:
    """`text` with each line's leading spaces set by `terraform fmt`'s bracket counting.

    The printer indents by nesting, which agrees with fmt except where one line both closes
    and opens brackets (`} : [` between the branches of a conditional): fmt counts the net
    brackets per line and keeps such a line, and what follows it, one level in. Heredoc
    bodies and their closing markers are text, left as they are.
    """
    try:
        marks, spans = brackets(text)  # tokenize's view of the text, without its tokens
    except LexError:
        return text  # not ours to judge here: the output checks report invalid text
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line))
    net = [0] * len(lines)
    frozen: set[int] = set()
    for offset, delta in marks:
        net[bisect_right(starts, offset) - 1] += delta
    for start, end in spans:
        if end > start:
            first = bisect_right(starts, start) - 1
            last = bisect_right(starts, end - 1) - 1
            frozen.update(range(first + 1, last + 1))
    out: list[str] = []
    indents: list[int] = []
    for i, line in enumerate(lines):
        body = line.lstrip(" \t")
        if i in frozen:
            out.append(line)
            continue
        if body in ("", "\n"):
            out.append(body)  # fmt never leaves spaces on a blank line
            continue
        n = net[i]
        if n < 0:
            closed = -n
            while closed > 0 and indents:
                if closed >= indents[-1]:
                    closed -= indents.pop()
                else:
                    indents[-1] -= closed
                    closed = 0
        out.append(" " * (2 * len(indents)) + body)
        if n > 0:
            indents.append(n)
    return "".join(out)
