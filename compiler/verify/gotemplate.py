"""A Go text/template subset (what our Helm charts use), rendered in Python without helm."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml


class Unsupported(Exception):
    """A construct or function outside the subset: the file cannot be rendered (IT354)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


_ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(\()|(\))|(\|)|(:=|=)|'
                    r'(-?\d+(?:\.\d+)?)|(\$[A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|'
                    r'(\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?)|'
                    r'([A-Za-z_][A-Za-z0-9_]*)|(\.[A-Za-z_][A-Za-z0-9_.]*))')


@dataclass
class Node:
    kind: str  # text | out | if | with | define | assign
    arg: Any = None  # text, or the tokens of the pipeline
    body: list[Node] = field(default_factory=list)
    other: list[Node] = field(default_factory=list)  # else branch
    name: str = ""  # variable of an assignment, template of a define
    line: int = 0


def parse(text: str) -> list[Node]:
    """The template's nodes; `{{- ` / ` -}}` trim the whitespace beside the action."""
    pieces: list[tuple[str, str, int]] = []
    pos = 0
    for m in _ACTION.finditer(text):
        before = text[pos:m.start()]
        if m.group(1):
            before = before.rstrip()
        if pieces and pieces[-1][0] == "trim_next":
            pieces.pop()
            before = before.lstrip()
        pieces.append(("text", before, 0))
        pieces.append(("action", m.group(2).strip(), text.count("\n", 0, m.start()) + 1))
        if m.group(3):
            pieces.append(("trim_next", "", 0))
        pos = m.end()
    rest = text[pos:]
    if pieces and pieces[-1][0] == "trim_next":
        pieces.pop()
        rest = rest.lstrip()
    pieces.append(("text", rest, 0))
    nodes, i = _block(pieces, 0, top=True)
    return nodes


def _block(pieces: list[tuple[str, str, int]], i: int, top: bool = False
           ) -> tuple[list[Node], int]:
    out: list[Node] = []
    while i < len(pieces):
        kind, text, line = pieces[i]
        i += 1
        if kind == "text":
            if text:
                out.append(Node("text", text))
            continue
        if text.startswith("/*"):
            continue  # a comment
        word = text.split(None, 1)[0] if text else ""
        rest = text[len(word):].strip()
        if word in ("end", "else"):
            if top:
                raise Unsupported(f"`{{{{ {word} }}}}` without its block", line)
            if word == "else" and rest:
                raise Unsupported("`else if` / `else with` is not rendered", line)
            i -= 1
            return out, i
        if word in ("if", "with", "define"):
            body, i = _block(pieces, i)
            other: list[Node] = []
            if i < len(pieces) and pieces[i][1].split(None, 1)[0:1] == ["else"]:
                other, i = _block(pieces, i + 1)
            if i >= len(pieces) or pieces[i][1] != "end":
                raise Unsupported(f"`{word}` is not closed by `end`", line)
            i += 1
            if word == "define":
                out.append(Node("define", None, body, name=_string(rest, line), line=line))
            else:
                out.append(Node(word, tokens(rest, line), body, other, line=line))
            continue
        if word in ("range", "template", "block", "break", "continue"):
            raise Unsupported(f"`{word}` is not rendered", line)
        toks = tokens(text, line)
        if len(toks) > 2 and toks[1] in (":=", "="):
            out.append(Node("assign", toks[2:], name=toks[0], line=line))
        else:
            out.append(Node("out", toks, line=line))
    if not top:
        raise Unsupported("a block is not closed by `end`", pieces[-1][2] if pieces else 0)
    return out, i


def _string(text: str, line: int) -> str:
    toks = tokens(text, line)
    if len(toks) != 1 or not toks[0].startswith('"'):
        raise Unsupported("`define` needs a quoted name", line)
    return str(_literal(toks[0]))


def tokens(text: str, line: int) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise Unsupported(f"cannot read `{text[pos:pos + 20]}`", line)
        out.append(m.group(0).strip())
        pos = m.end()
    return out


def _literal(tok: str) -> Any:
    if tok.startswith('"'):
        return bytes(tok[1:-1], "utf-8").decode("unicode_escape")
    if tok.startswith("`"):
        return tok[1:-1]
    return float(tok) if "." in tok else int(tok)


def truth(v: Any) -> bool:
    return v not in (None, False, 0, "") and not (isinstance(v, (list, dict)) and not v)


def to_yaml(v: Any) -> str:
    if v is None:
        return "null"
    return yaml.safe_dump(v, default_flow_style=False, sort_keys=False,
                          allow_unicode=True).rstrip("\n").removesuffix("\n...")


def text_of(v: Any) -> str:
    """How Go prints a value into the output."""
    if v is None:
        return "<no value>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _trunc(n: int, s: Any) -> str:
    s = text_of(s)
    return s[:n] if n >= 0 else s[n:]


def _printf(fmt: str, *args: Any) -> str:
    it = iter(args)
    return re.sub(r"%[sdvq%]", lambda m: "%" if m.group(0) == "%%" else
                  (f'"{text_of(next(it, ""))}"' if m.group(0) == "%q" else
                   text_of(next(it, ""))), fmt)


def _index(m: Any, *keys: Any) -> Any:
    for k in keys:
        m = m.get(k) if isinstance(m, dict) else (m[k] if isinstance(m, list) and
                                                  isinstance(k, int) and k < len(m) else None)
    return m


FUNCS: dict[str, Callable[..., Any]] = {
    "toYaml": to_yaml, "nindent": lambda n, s: "\n" + _indent(n, s),
    "indent": lambda n, s: _indent(n, s), "trunc": _trunc,
    "trimSuffix": lambda suf, s: text_of(s).removesuffix(suf),
    "trimPrefix": lambda pre, s: text_of(s).removeprefix(pre),
    "default": lambda d, v=None: v if truth(v) else d, "printf": _printf,
    "replace": lambda old, new, s: text_of(s).replace(old, new),
    "contains": lambda sub, s: text_of(sub) in text_of(s), "not": lambda v: not truth(v),
    "index": _index, "quote": lambda *v: " ".join(f'"{text_of(x)}"' for x in v),
    "eq": lambda a, *b: any(a == x for x in b), "ne": lambda a, b: a != b,
    "and": lambda *v: next((x for x in v if not truth(x)), v[-1] if v else None),
    "or": lambda *v: next((x for x in v if truth(x)), v[-1] if v else None),
    "toString": text_of, "lower": lambda s: text_of(s).lower(),
    "upper": lambda s: text_of(s).upper(), "trim": lambda s: text_of(s).strip(),
}


def _indent(n: int, s: Any) -> str:
    pad = " " * n
    return "\n".join(pad + line for line in text_of(s).split("\n"))
