"""Read `ovhai app|job|notebook run ...` command lines into the AI IR (flags from the CLI docs)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from iac_translate.grammars import parser
from lark import Token, Tree
from lark.exceptions import LarkError

from ..diagnostics import Sink
from ..guard import INT32_MAX, INT64_MAX, MAX_INT_DIGITS
from ..ir import ai
from ..span import Span

_APP, _JOB, _NB = "app", "job", "notebook"
_ALL = frozenset((_APP, _JOB, _NB))


@dataclass(frozen=True)
class Flag:
    names: tuple[str, ...]
    field: str  # key in the collected values; "" = accepted and ignored (CLI-only)
    kinds: frozenset[str] = _ALL
    value: bool = True  # takes a value
    repeat: bool = False
    conv: str = "str"  # str | int | float | duration


# Every flag and alias of `ovhai app|job|notebook run` in the reference notes (2.3, 2.4, 2.6).
FLAGS: tuple[Flag, ...] = (
    Flag(("--name", "-n"), "name"),
    Flag(("--flavor", "-f"), "flavor"),
    Flag(("--gpu", "-g"), "gpu", conv="int"),
    Flag(("--cpu", "-c"), "cpu", conv="int"),
    Flag(("--env", "-e"), "env", frozenset((_APP, _JOB)), repeat=True),
    Flag(("--envvar", "-e"), "env", frozenset((_NB,)), repeat=True),
    Flag(("--volume", "-v"), "volume", repeat=True),
    Flag(("--label", "-l"), "label", repeat=True),
    Flag(("--default-http-port", "-p"), "http_port", frozenset((_APP, _JOB)), conv="int"),
    Flag(("--unsecure-http",), "unsecure_http", value=False),
    Flag(("--token",), ""),
    Flag(("--output", "-o"), ""),
    Flag(("--no-color",), "", value=False),
    Flag(("--replicas",), "replicas", frozenset((_APP,)), conv="int"),
    Flag(("--auto-min-replicas", "--min-replicas"), "min", frozenset((_APP,)), conv="int"),
    Flag(("--auto-max-replicas", "--max-replicas"), "max", frozenset((_APP,)), conv="int"),
    Flag(("--auto-resource-type", "--resource-type"), "rtype", frozenset((_APP,))),
    Flag(("--auto-resource-usage-threshold", "--resource-threshold"), "target",
         frozenset((_APP,)), conv="int"),
    Flag(("--auto-custom-api-url",), "c_url", frozenset((_APP,))),
    Flag(("--auto-custom-metric-format",), "c_format", frozenset((_APP,))),
    Flag(("--auto-custom-value-location",), "c_location", frozenset((_APP,))),
    Flag(("--auto-custom-target-value",), "c_target", frozenset((_APP,)), conv="float"),
    Flag(("--auto-custom-metric-aggregation-type",), "c_agg", frozenset((_APP,))),
    Flag(("--auto-scale-up-stabilization-window-seconds",), "up", frozenset((_APP,)),
         conv="int"),
    Flag(("--auto-scale-down-stabilization-window-seconds",), "down", frozenset((_APP,)),
         conv="int"),
    Flag(("--auto-cooldown-period-seconds",), "cooldown", frozenset((_APP,)), conv="int"),
    Flag(("--probe-path",), "probe_path", frozenset((_APP,))),
    Flag(("--probe-port",), "probe_port", frozenset((_APP,)), conv="int"),
    Flag(("--timeout", "-t"), "timeout", frozenset((_JOB,)), conv="duration"),
    Flag(("--ssh-public-keys", "-s"), "ssh", frozenset((_JOB, _NB)), repeat=True),
    Flag(("--read-user",), "read_user", frozenset((_JOB,))),
    Flag(("--from",), "from", frozenset((_JOB,))),
    Flag(("--gpu-model",), "gpu_model", frozenset((_JOB,))),
    Flag(("--framework-version",), "framework_version", frozenset((_NB,))),
    Flag(("--restart-on-timeout",), "restart", frozenset((_NB,)), value=False),
)
# ASCII digits only: str.isdigit() and \d accept `٣` and `²`, which int() reads or refuses.
_DURATION = re.compile(r"([0-9]+)([smhd]?)", re.ASCII)
_INT = re.compile(r"[0-9]+", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
# Flags whose values Kubernetes reads as ports (1-65535); other whole numbers are int32.
_PORTS = {"http_port", "probe_port"}
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class CliError(Exception):
    def __init__(self, span: Span, message: str, code: str = "IT106") -> None:
        super().__init__(message)
        self.span = span
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Word:
    text: str
    span: Span


def words(text: str, file: str, line: int = 1, column: int = 1) -> list[Word]:
    """Split a command line into shell words; positions are absolute in `file`."""
    try:
        tree = parser("shell_words").parse(text)
    except LarkError as e:
        ln, col = getattr(e, "line", 1), getattr(e, "column", 1)
        raise CliError(_at(file, line, column, ln, col), "cannot split the command line: "
                       "unbalanced quotes?") from None
    out = []
    for w in tree.children:
        if isinstance(w, Tree) and w.data == "word":
            out.append(Word("".join(_piece(p) for p in w.children),
                            _at(file, line, column, w.meta.line, w.meta.column,
                                w.meta.end_line, w.meta.end_column)))
    return out


def _at(file: str, line: int, column: int, ln: int, col: int, eln: int = 0,
        ecol: int = 0) -> Span:
    def fix(a: int, b: int) -> tuple[int, int]:
        return line + a - 1, (column + b - 1 if a == 1 else b)
    s = fix(ln, col)
    e = fix(eln or ln, ecol or col + 1)
    return Span(file, s[0], s[1], e[0], e[1])


def _piece(p: Tree) -> str:
    tok = p.children[0]
    assert isinstance(tok, Token)
    v = str(tok)
    if p.data == "squoted":
        return v[1:-1]
    if p.data == "dquoted":
        return re.sub(r'\\([\\"$`])', r"\1", v[1:-1])
    if p.data == "escaped":
        return v[1:]
    return v


def parse_command(ws: list[Word], sink: Sink) -> ai.AiWorkload | None:
    """`ovhai KIND run ...` words -> workload; errors are located IT106/IT107 diagnostics."""
    try:
        return _parse(ws, sink)
    except CliError as e:
        sink.add(e.code, e.span, e.message)
        return None


def _parse(ws: list[Word], sink: Sink) -> ai.AiWorkload:
    if len(ws) < 3 or ws[0].text != "ovhai" or ws[2].text != "run" or \
            ws[1].text not in _ALL:
        raise CliError(ws[0].span if ws else Span("-", 1, 1),
                       "expected `ovhai app|job|notebook run ...`")
    kind = ws[1].text
    table = {n: f for f in FLAGS if kind in f.kinds for n in f.names}
    values: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    positional: list[Word] = []
    i = 3
    while i < len(ws):
        w = ws[i]
        if w.text == "--":
            positional.extend(ws[i + 1:])
            break
        if not w.text.startswith("-") or w.text == "-":
            if kind == _NB:  # FRAMEWORK_ID EDITOR_ID; options may follow them
                positional.append(w)
                i += 1
                continue
            # `[IMAGE] [COMMAND]...`: everything after the image is the command.
            positional.extend(ws[i:])
            break
        name, eq, inline = w.text.partition("=")
        flag = table.get(name)
        if flag is None:
            raise CliError(w.span, f"unknown flag `{name}` for `ovhai {kind} run`"
                           + _suggest(name, table))
        if not flag.value:
            value: Any = True
        elif eq:
            value = inline
        elif i + 1 < len(ws):
            i += 1
            value = ws[i].text
        else:
            raise CliError(w.span, f"`{name}` needs a value")
        value = _convert(flag, value, ws[i].span if not eq and flag.value else w.span)
        if flag.field:
            if flag.repeat:
                values.setdefault(flag.field, []).append((value, w.span))
            else:
                values[flag.field] = value
            spans.setdefault(flag.field, w.span)
        i += 1
    return _workload(kind, values, spans, positional, ws, sink)


def _suggest(name: str, table: dict[str, Flag]) -> str:
    import difflib
    sug = difflib.get_close_matches(name, sorted(table), n=1, cutoff=0.7)
    return f" (did you mean `{sug[0]}`?)" if sug else ""


def _convert(flag: Flag, value: Any, span: Span) -> Any:
    name, text = flag.names[0], str(value)
    if flag.conv == "int":
        if not _INT.fullmatch(text):
            raise CliError(span, f"`{name}` takes a whole number, not `{text[:40]}`")
        lo, hi = (1, 65535) if flag.field in _PORTS else (0, INT32_MAX)
        return _in_range(name, _whole(name, text, span), lo, hi, span)
    if flag.conv == "float":
        if not _FLOAT.fullmatch(text) or not math.isfinite(float(text)):
            raise CliError(span, f"`{name}` takes a finite number, not `{text[:40]}`")
        return float(text)
    if flag.conv == "duration":
        m = _DURATION.fullmatch(text)
        if not m:
            raise CliError(span, f"`{name}` takes a duration such as 30s, 10m or 1h, "
                           f"not `{text[:40]}`")
        seconds = _whole(name, m.group(1), span) * _UNITS[m.group(2)]
        return _in_range(name, seconds, 0, INT64_MAX, span)
    return value


def _whole(name: str, digits: str, span: Span) -> int:
    if len(digits) > MAX_INT_DIGITS:  # int() would refuse it
        raise CliError(span, f"`{name}` has more than {MAX_INT_DIGITS} digits", "IT111")
    return int(digits)


def _in_range(name: str, n: int, lo: int, hi: int, span: Span) -> int:
    if not lo <= n <= hi:
        raise CliError(span, f"`{name}` must be between {lo} and {hi}", "IT105")
    return n


def _workload(kind: str, v: dict[str, Any], spans: dict[str, Span], pos: list[Word],
              ws: list[Word], sink: Sink) -> ai.AiWorkload:
    from .ovhai_values import env_vars, labels, scaling, volumes
    image = framework = editor = None
    command: tuple[str, ...] = ()
    if kind == _NB:
        if len(pos) >= 1:
            framework = pos[0].text
        if len(pos) >= 2:
            editor = pos[1].text
        if len(pos) > 2:
            raise CliError(pos[2].span, "`ovhai notebook run` takes FRAMEWORK_ID EDITOR_ID only")
    else:
        if pos:
            image = pos[0].text
            spans["image"] = pos[0].span
            rest = pos[1:]
            if rest and rest[0].text == "--":  # `IMAGE -- cmd --with-dashes`
                rest = rest[1:]
            command = tuple(w.text for w in rest)
    if "from" in v:
        sink.add("IT302", spans["from"], "`--from` copies another job's spec, which is not "
                 "visible here; write the flags explicitly")
    if "gpu_model" in v:
        sink.add("IT301", spans["gpu_model"], "`--gpu-model` is read as the GPU flavor hint only")
    http = v.get("http_port")
    probe = None
    if kind == _APP and ("probe_path" in v or "probe_port" in v):
        probe = ai.Probe(path=v.get("probe_path", "/"), port=v.get("probe_port", http),
                         span=spans.get("probe_path") or spans.get("probe_port"))
    span = ws[0].span.to_end(ws[-1].span)
    return ai.AiWorkload(
        kind=kind, name=v.get("name"), span=span, image=image, flavor=v.get("flavor"),
        cpu=v.get("cpu"), gpu=v.get("gpu"), command=command, http_port=http,
        env=tuple(env_vars(v.get("env", []))), labels=tuple(labels(v.get("label", []))),
        volumes=tuple(volumes(v.get("volume", []))), probe=probe,
        scaling=scaling(v, spans) if kind == _APP else None,
        unsecure_http=bool(v.get("unsecure_http")),
        ssh_public_keys=tuple(s for s, _ in v.get("ssh", [])),
        timeout_seconds=v.get("timeout"), timeout_auto_restart=bool(v.get("restart")),
        read_user=v.get("read_user"), framework=framework, editor=editor,
        framework_version=v.get("framework_version"), source="cli",
        field_spans=tuple(sorted(spans.items())))
