"""Indentation of written Terraform recomputed exactly as hclwrite's formatIndent does."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

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
    starts = [0, *accumulate(map(len, lines[:-1]))]
    net = [0] * len(lines)
    frozen: set[int] = set()
    for offset, delta in marks:
        net[bisect_right(starts, offset) - 1] += delta
    for start, end in spans:
        if end > start:
            first = bisect_right(starts, start) - 1
            last = bisect_right(starts, end - 1) - 1
            frozen.update(range(first + 1, last + 1))
    # Most lines are already indented as fmt would: runs of them are copied from `text` as
    # one slice, and only the lines that change are rebuilt.
    out: list[str] = []
    run = 0  # offset in `text` where the current run of unchanged lines starts
    indents: list[int] = []
    pads = [""]
    for i, line in enumerate(lines):
        if i in frozen:
            continue
        body = line.lstrip(" \t")
        if body in ("", "\n"):
            new = body  # fmt never leaves spaces on a blank line
        else:
            n = net[i]
            if n < 0:
                closed = -n
                while closed > 0 and indents:
                    if closed >= indents[-1]:
                        closed -= indents.pop()
                    else:
                        indents[-1] -= closed
                        closed = 0
            depth = len(indents)
            while len(pads) <= depth:
                pads.append(" " * (2 * len(pads)))
            pad = pads[depth]
            if n > 0:
                indents.append(n)
            if len(line) - len(body) == len(pad) and line.startswith(pad):
                continue
            new = pad + body
        if new != line:
            out.append(text[run:starts[i]])
            out.append(new)
            run = starts[i] + len(line)
    out.append(text[run:])
    return "".join(out)
