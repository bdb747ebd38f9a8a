"""Read `ovhai app|job|notebook run ...` command lines into the AI IR (flags from the CLI docs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Sink
from ..ir import ai
from ..span import Span
from . import shell_words
from .ovhai_values import CliError, fill_placeholders, placeholder
from .ovhai_values import convert as _convert
from .shell_words import Word

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
    Flag(("--app-token",), ""),  # authenticates the CLI itself (AI app tokens guide)
    Flag(("--partner",), "", frozenset((_APP,))),  # a partner's marketplace image (ecosystem)
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


def words(text: str, file: str, line: int = 1, column: int = 1) -> list[Word]:
    """Split a command line into shell words; positions are absolute in `file`."""
    try:
        return shell_words.words(text, file, line, column)
    except shell_words.SplitError as e:
        raise CliError(e.span, e.message) from None


def parse_command(ws: list[Word], sink: Sink, mention: bool = False) -> ai.AiWorkload | None:
    """`ovhai KIND run ...` words -> workload; errors are located IT106/IT107 diagnostics.
    None also for a mention that runs nothing (`ovhai app run --help`), reported as info.
    `mention`: the command is inline code in prose (Markdown `...`): without an image it
    only names the command (`ovhai job run -l name=value`), so it is an info, not an error."""
    try:
        return _parse(ws, sink)
    except CliError as e:
        if e.code == "IT114" and e.message.endswith(_NO_IMAGE):
            if mention:
                sink.add("IT231", e.span, "an inline mention of `" + " ".join(
                    w.text for w in ws[:3]) + "` with no image runs nothing; it is skipped")
                return None
            sink.add(e.code, e.span, e.message, "if the command goes on over the next lines, "
                     "end each of its lines with `\\`")
            return None
        sink.add(e.code, e.span, e.message)
        return None


_NO_IMAGE = "has no image: the image is the first argument that is not an option"
# `>file`, `2>&1`, `>> log`: shell redirections, not arguments of the command.
_REDIRECT = re.compile(r"[0-9]*(>>?|>&|&>)(.*)", re.S)


def _parse(ws: list[Word], sink: Sink) -> ai.AiWorkload | None:
    if len(ws) < 3 or ws[0].text != "ovhai" or ws[2].text != "run" or \
            ws[1].text not in _ALL:
        raise CliError(ws[0].span if ws else Span("-", 1, 1),
                       "expected `ovhai app|job|notebook run ...`")
    kind = ws[1].text
    table = {n: f for f in FLAGS if kind in f.kinds for n in f.names}
    values: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    positional: list[Word] = []
    command: list[Word] = []
    filled: list[str] = []  # fields given a default in place of a placeholder
    # As the CLI reads it (clap, trailing command): options are options wherever they stand
    # before `--`, after the image too; the command is what follows `--`, or the first word
    # after the image that is not an option and everything after it.
    args = _without_redirections(_join_placeholders(ws[3:]))
    i = 0
    while i < len(args):
        w = args[i]
        if w.text == "[OPTIONS]" and not w.quoted:  # `Usage: ovhai job run [OPTIONS] <IMAGE>`
            sink.add("IT231", ws[0].span.to_end(w.span), f"`ovhai {kind} run [OPTIONS] ...` is "
                     "the usage line of the CLI's help; it runs nothing and is not translated")
            return None
        # The CLI sees words after the shell removed quotes: `"--name"` is an option too.
        if w.text == "--":
            command = args[i + 1:]
            break
        if not w.text.startswith("-") or w.text == "-":
            if kind != _NB and positional:
                command = args[i:]
                break
            positional.append(w)
            i += 1
            continue
        name, eq, inline = w.text.partition("=")
        if name in ("--help", "-h"):
            sink.add("IT231", ws[0].span.to_end(w.span), f"`ovhai {kind} run {name}` shows "
                     "the CLI's help; it runs nothing and is not translated")
            return None
        flag = table.get(name)
        if flag is None:
            raise CliError(w.span, f"unknown flag `{name}` for `ovhai {kind} run`"
                           + _suggest(name, table))
        if not flag.value:
            value: Any = True
        elif eq:
            value = inline
        elif i + 1 < len(args):
            i += 1
            value = args[i].text
        else:
            raise CliError(w.span, f"`{name}` needs a value")
        at = args[i].span if not eq and flag.value else w.span
        if not flag.field:  # accepted and ignored (--token, --output): nothing to check
            if name == "--partner":
                sink.add("IT301", at, f"`--partner {value}`: the image is {value}'s, served "
                         "to OVHcloud AI Deploy under the partner's licence; outside "
                         "OVHcloud the cluster must pull it from the partner's own registry",
                         "ask the partner for registry access and a licence, then set the "
                         "image (Helm: the chart's image parameter)")
            i += 1
            continue
        if flag.value and placeholder(str(value)) and flag.field not in _KEEP_PLACEHOLDER:
            value = _placeholder_default(flag, str(value), at, sink)
            if value is not None:
                filled.append(flag.field)
        else:
            value = _convert(flag, value, at)
        if value is not None:
            if flag.repeat:
                values.setdefault(flag.field, []).append((value, w.span))
            else:
                values[flag.field] = value
            # The field's span is its value's (as in a body): `--flavor l40s-1-gpu` points
            # at `l40s-1-gpu`; a flag without a value, at the flag.
            spans.setdefault(flag.field, _value_span(w, len(name) + 1) if eq else at)
        i += 1
    if not positional and not values and not command:
        sink.add("IT231", ws[0].span.to_end(ws[-1].span), f"`ovhai {kind} run` with no "
                 f"{'image' if kind != _NB else 'framework'} is a mention, not a workload")
        return None
    return _workload(kind, values, spans, positional, command, ws, sink, filled)


def _value_span(w: Word, skip: int) -> Span:
    """The span of the value of `--flag=value`: past `--flag=` when the word is written as
    read (unquoted, on one line), else the whole word."""
    s = w.span
    if w.quoted or s.end_line != s.line or s.end_column - s.column != len(w.text):
        return s
    return Span(s.file, s.line, s.column + skip, s.end_line, s.end_column)


def _join_placeholders(ws: list[Word]) -> list[Word]:
    """`<Shared Docker Registries>/img:1` is one documentation placeholder, not the words
    `<Shared`, `Docker` and `Registries>/img:1` (nor a shell redirection)."""
    out: list[Word] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        end = next((j for j in range(i + 1, min(i + 6, len(ws))) if ">" in ws[j].text), None) \
            if w.text.startswith("<") and ">" not in w.text and not w.quoted else None
        if end is None:
            out.append(w)
            i += 1
            continue
        out.append(Word(" ".join(x.text for x in ws[i:end + 1]), w.span.to_end(ws[end].span)))
        i = end + 1
    return out


def _without_redirections(ws: list[Word]) -> list[Word]:
    out: list[Word] = []
    skip = False
    for w in ws:
        if skip:
            skip = False
            continue
        m = None if w.quoted else _REDIRECT.fullmatch(w.text)
        if m:
            skip = not m.group(2)  # `> file`: the next word is the target
            continue
        out.append(w)
    return out


# Defaults for documentation placeholders (`--gpu <nb-gpus>`), as the OVH guides assume them.
_PLACEHOLDER_DEFAULTS = {"gpu": 1, "cpu": 1}
# Values kept as written (a placeholder env value or label is still a valid string); volumes
# are read by ovhai_values, which knows which part of them is a placeholder.
_KEEP_PLACEHOLDER = {"env", "label", "ssh", "volume"}


def _placeholder_default(flag: Flag, text: str, span: Span, sink: Sink) -> Any:
    name = flag.names[0]
    default = _PLACEHOLDER_DEFAULTS.get(flag.field)
    if default is None:
        sink.add("IT230", span, f"`{name} {text[:60]}` is a documentation placeholder: "
                 f"`{name}` is left out", f"give the real value of `{name}`")
        return None
    sink.add("IT230", span, f"`{name} {text[:60]}` is a documentation placeholder: "
             f"{default} is assumed", f"give the real value of `{name}`")
    return default


def _suggest(name: str, table: dict[str, Flag]) -> str:
    import difflib
    sug = difflib.get_close_matches(name, sorted(table), n=1, cutoff=0.7)
    return f" (did you mean `{sug[0]}`?)" if sug else ""


def _workload(kind: str, v: dict[str, Any], spans: dict[str, Span], pos: list[Word],
              cmd: list[Word], ws: list[Word], sink: Sink,
              filled: list[str]) -> ai.AiWorkload:
    from .ovhai_values import env_vars, labels, scaling, volumes
    image = framework = editor = None
    placeholders = list(filled)
    whole = ws[0].span.to_end(ws[-1].span)
    if kind == _NB:
        if len(pos) < 2:
            raise CliError(pos[0].span if pos else whole, "`ovhai notebook run` needs "
                           "FRAMEWORK_ID EDITOR_ID (for example `conda jupyterlab`)", "IT114")
        framework, editor = pos[0].text, pos[1].text
        if len(pos) > 2:
            raise CliError(pos[2].span, "`ovhai notebook run` takes FRAMEWORK_ID EDITOR_ID only")
    else:
        if not pos:
            raise CliError(whole, f"`ovhai {kind} run` {_NO_IMAGE}", "IT114")
        image = pos[0].text
        spans["image"] = pos[0].span
        if not image.strip():  # `\ ` (a continuation broken by a trailing space) is ` `
            raise CliError(pos[0].span, "the image is blank (a line continuation `\\` "
                           "followed by a space?)", "IT114")
        if placeholder(image):
            image = fill_placeholders(image)
            placeholders.append("image")
            sink.add("IT230", pos[0].span, f"the image `{pos[0].text[:80]}` is a documentation "
                     f"placeholder: written as `{image}`", "set the real image (Helm: the "
                     "chart's image parameter)")
    command = tuple(w.text for w in cmd)
    if cmd:
        spans["command"] = cmd[0].span.to_end(cmd[-1].span)
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
    return ai.AiWorkload(
        kind=kind, name=v.get("name"), span=whole, image=image, flavor=v.get("flavor"),
        cpu=v.get("cpu"), gpu=v.get("gpu"), command=command, http_port=http,
        env=tuple(env_vars(v.get("env", []))), labels=tuple(labels(v.get("label", []))),
        volumes=tuple(volumes(v.get("volume", []), sink)), probe=probe,
        scaling=scaling(v, spans) if kind == _APP else None,
        unsecure_http=bool(v.get("unsecure_http")),
        ssh_public_keys=tuple(s for s, _ in v.get("ssh", [])),
        timeout_seconds=v.get("timeout"), timeout_auto_restart=bool(v.get("restart")),
        read_user=v.get("read_user"), framework=framework, editor=editor,
        framework_version=v.get("framework_version"), source="cli",
        placeholders=tuple(sorted(placeholders)), field_spans=tuple(sorted(spans.items())))
