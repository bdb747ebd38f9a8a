"""A chart as `helm template` renders it with its default values (our template subset)."""

from __future__ import annotations

import posixpath
from typing import Any

import yaml

from ..diagnostics import Sink
from ..span import Span
from .gotemplate import FUNCS, Node, Unsupported, _literal, parse, text_of, truth


class _Scope:
    def __init__(self, defines: dict[str, list[Node]], root: Any) -> None:
        self.defines, self.root = defines, root

    def render(self, nodes: list[Node], dot: Any, env: dict[str, Any]) -> str:
        out: list[str] = []
        env = dict(env)  # a block's variables end with it
        for n in nodes:
            if n.kind == "text":
                out.append(str(n.arg))
            elif n.kind == "out":
                out.append(text_of(self.pipe(n.arg, dot, env, n.line)))
            elif n.kind == "assign":
                env[n.name] = self.pipe(n.arg, dot, env, n.line)
            elif n.kind == "if":
                branch = n.body if truth(self.pipe(n.arg, dot, env, n.line)) else n.other
                out.append(self.render(branch, dot, env))
            elif n.kind == "with":
                value = self.pipe(n.arg, dot, env, n.line)
                out.append(self.render(n.body, value, env) if truth(value)
                           else self.render(n.other, dot, env))
        return "".join(out)

    def pipe(self, toks: list[str], dot: Any, env: dict[str, Any], line: int) -> Any:
        commands: list[list[str]] = [[]]
        depth = 0
        for t in toks:
            depth += (t == "(") - (t == ")")
            if t == "|" and depth == 0:
                commands.append([])
            else:
                commands[-1].append(t)
        value: Any = _NONE
        for cmd in commands:
            value = self.command(cmd, dot, env, line, value)
        return None if value is _NONE else value

    def command(self, toks: list[str], dot: Any, env: dict[str, Any], line: int,
                piped: Any) -> Any:
        if not toks:
            raise Unsupported("an empty pipeline", line)
        head = toks[0]
        if head in FUNCS or head == "include":
            args = self.operands(toks[1:], dot, env, line)
            if piped is not _NONE:
                args.append(piped)
            if head == "include":
                name = args[0] if args else None
                if name not in self.defines:
                    raise Unsupported(f"template `{name}` is not defined", line)
                return self.render(self.defines[name], args[1] if len(args) > 1 else None, {})
            try:
                return FUNCS[head](*args)
            except (TypeError, ValueError, IndexError, KeyError) as e:
                raise Unsupported(f"`{head}` failed: {type(e).__name__}", line) from None
        if head[0].isalpha() and head not in ("true", "false", "nil"):
            raise Unsupported(f"function `{head}` is not rendered", line)
        values = self.operands(toks, dot, env, line)
        if len(values) != 1 or piped is not _NONE:
            raise Unsupported("a value cannot take arguments", line)
        return values[0]

    def operands(self, toks: list[str], dot: Any, env: dict[str, Any], line: int) -> list[Any]:
        out: list[Any] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t == "(":
                depth, j = 1, i + 1
                while j < len(toks) and depth:
                    depth += (toks[j] == "(") - (toks[j] == ")")
                    j += 1
                value = self.pipe(toks[i + 1:j - 1], dot, env, line)
                if j < len(toks) and toks[j].startswith(".") and len(toks[j]) > 1:
                    value = _fields(value, toks[j][1:])  # `(index $w "x").field`
                    j += 1
                out.append(value)
                i = j
                continue
            out.append(self.operand(t, dot, env, line))
            i += 1
        return out

    def operand(self, t: str, dot: Any, env: dict[str, Any], line: int) -> Any:
        if t[0] in "\"`" or t[0].isdigit() or t[0] == "-":
            return _literal(t)
        if t in ("true", "false"):
            return t == "true"
        if t == "nil":
            return None
        if t == ".":
            return dot
        if t.startswith("."):
            return _fields(dot, t[1:])
        if t.startswith("$"):
            name, _, path = t.partition(".")
            base = self.root if name == "$" else env.get(name, _NONE)
            if base is _NONE:
                raise Unsupported(f"variable `{name}` is not defined", line)
            return _fields(base, path) if path else base
        raise Unsupported(f"cannot evaluate `{t}`", line)


_NONE = object()


def _fields(value: Any, path: str) -> Any:
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def render(files: dict[str, str], sink: Sink, label: str = "") -> dict[str, str]:
    """{template path: rendered text} of every chart in `files` (below its Chart.yaml)."""
    out: dict[str, str] = {}
    for chart in sorted(p for p in files if posixpath.basename(p) == "Chart.yaml"):
        root = posixpath.dirname(chart)
        prefix = f"{root}/" if root else ""

        def at(rel: str, line: int = 1) -> Span:
            return Span(f"{label}/{rel}" if label else rel, max(line, 1), 1)
        try:
            meta = yaml.safe_load(files[chart]) or {}
            values = yaml.safe_load(files.get(f"{prefix}values.yaml", "")) or {}
        except yaml.YAMLError as e:
            sink.add("IT351", at(chart), f"the chart's Chart.yaml or values.yaml is not YAML: "
                     f"{str(e).splitlines()[0]}")
            continue
        if not isinstance(meta, dict) or not isinstance(values, dict):
            sink.add("IT351", at(chart), "Chart.yaml and values.yaml must be mappings")
            continue
        name = str(meta.get("name", ""))
        context = {"Values": values, "Capabilities": {},
                   # The release is named after the chart (`helm install NAME .` with NAME the
                   # chart's), so a single workload's objects keep the names the manifests use.
                   "Release": {"Name": name, "Namespace": "default", "Service": "Helm",
                               "IsInstall": True},
                   "Chart": {k[:1].upper() + k[1:]: v for k, v in meta.items()}}
        templates = sorted(p for p in files if p.startswith(f"{prefix}templates/")
                           and p.endswith((".yaml", ".yml", ".tpl")))
        parsed: dict[str, list[Node]] = {}
        defines: dict[str, list[Node]] = {}
        for rel in templates:
            try:
                parsed[rel] = parse(files[rel])
            except Unsupported as e:
                sink.add("IT354", at(rel, e.line), f"the template cannot be rendered: {e}")
                continue
            defines.update({n.name: n.body for n in parsed[rel] if n.kind == "define"})
        scope = _Scope(defines, context)
        for rel, nodes in parsed.items():
            if rel.endswith(".tpl"):
                continue
            try:
                out[rel] = scope.render(nodes, context, {})
            except Unsupported as e:
                sink.add("IT354", at(rel, e.line), f"the template cannot be rendered: {e}")
            except RecursionError:
                sink.add("IT354", at(rel), "the template includes itself without end")
    return out
