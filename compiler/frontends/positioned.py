"""Positioned YAML/JSON loading: plain Python values, each with the span it was read from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .. import limits
from ..guard import MAX_DEPTH, MAX_INT_DIGITS
from ..span import Span

# Tags whose scalars and collections mean plain data; anything else (`!custom`,
# `!!python/object`, `!!binary`, `!!set`) is refused rather than half understood.
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_CORE + "map", _CORE + "seq"}
# Aliases may repeat a value (CI anchors); past this many repeated nodes it is a bomb.
MAX_ALIAS_NODES = 10_000
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class PValue:
    """A loaded value with its span; mappings keep the span of each key too."""

    value: Any  # str | int | float | bool | None | list[PValue] | dict[str, PValue]
    span: Span
    key_spans: dict[str, Span] = field(default_factory=dict, compare=False)

    def get(self, key: str) -> PValue | None:
        if isinstance(self.value, dict):
            return self.value.get(key)
        return None

    def plain(self) -> Any:
        """The value without positions."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


class LoadError(Exception):
    def __init__(self, span: Span, message: str, code: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message
        self.code = code


def _span(file: str, node: yaml.Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(file, s.line + 1, s.column + 1, e.line + 1, e.column + 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses nesting deeper than MAX_DEPTH while composing (PyYAML's
    composer recurses once per level and would exhaust the stack)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                m = self.peek_event().start_mark
                raise LoadError(Span(self.name, m.line + 1, m.column + 1, m.line + 1,
                                     m.column + 2), f"nesting deeper than {MAX_DEPTH} levels",
                                "IT109")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str, file: str) -> list[yaml.Node]:
    loader = _Loader(text)
    loader.name = file
    try:
        nodes = []
        while loader.check_node():
            nodes.append(loader.get_node())
        return nodes
    except (OverflowError, ValueError):
        # Only the scanner's chr() of a `\U`/`\u` escape raises these while composing.
        m = loader.get_mark()
        raise LoadError(Span(file, m.line + 1, m.column + 1, m.line + 1, m.column + 2),
                        "escape out of the Unicode range", "IT110") from None
    finally:
        loader.dispose()


def _compose_c(text: str, file: str) -> list[yaml.Node] | None:
    """The documents' nodes composed by libyaml (about 10x faster), or None when the pure
    loader must decide: libyaml is missing, the text fails (the pure loader then gives the
    positioned error), nests deeper than MAX_DEPTH (libyaml's composer recurses in C, so
    its events are checked first), has a BOM (libyaml does not count it as a column), a tab
    (libyaml accepts tabs as separators where PyYAML refuses them) or no final line break
    (libyaml ends the last node on the next line). tests/test_yaml_c.py compares them."""
    if not yaml.__with_libyaml__ or "\ufeff" in text or "\t" in text or \
            not text.endswith(("\n", "\r")):
        return None
    try:
        if text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0) \
                >= MAX_DEPTH and not _shallow(text):
            return None
        loader = yaml.CSafeLoader(text)
        try:
            nodes = []
            while loader.check_node():
                nodes.append(loader.get_node())
            return nodes
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - any failure is the pure loader's to report
        return None


def _shallow(text: str) -> bool:
    """No node of `text` deeper than MAX_DEPTH (the bound the pure composer enforces)."""
    parser = yaml.CSafeLoader(text)
    try:
        open_ = 0
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.NodeEvent):
                if open_ + 1 > MAX_DEPTH:
                    return False
                if isinstance(event, yaml.CollectionStartEvent):
                    open_ += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                open_ -= 1
        return True
    finally:
        parser.dispose()


def load(text: str, file: str) -> list[PValue]:
    """Every document of a YAML (or JSON) text; raises LoadError with a located code."""
    fast = _compose_c(text, file)
    if fast is not None:
        conv = _Converter(file)
        return [conv.convert(n, 1) for n in fast if n is not None]
    try:
        nodes = _compose(text, file)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError(Span(file, line, col, line, col + 1),
                        f"{'JSON' if file.endswith('.json') else 'YAML'} syntax error: "
                        f"{e.problem or e}", "IT108") from None
    except yaml.YAMLError as e:
        raise LoadError(Span(file, 1, 1), f"cannot read {file}: {e}", "IT108") from None
    conv = _Converter(file)
    return [conv.convert(n, 1) for n in nodes if n is not None]


class _Converter:
    """Nodes -> PValues, refusing recursive aliases, alias bombs and foreign tags."""

    def __init__(self, file: str) -> None:
        self.file = file
        # One constructor per file: a SafeLoader per scalar cost more than the scalar.
        self.constructor = yaml.constructor.SafeConstructor()
        self.done: set[int] = set()
        self.active: set[int] = set()
        self.repeated = 0
        self.max_aliases = limits.current().aliases  # `--limit aliases=N`

    def convert(self, node: yaml.Node, depth: int) -> PValue:
        key = id(node)
        span = _span(self.file, node)
        if key in self.active:
            raise LoadError(span, "a YAML alias refers to the value that contains it", "IT112")
        if depth > MAX_DEPTH:  # aliases can nest values deeper than the text does
            raise LoadError(span, f"nesting deeper than {MAX_DEPTH} levels", "IT109")
        if key in self.done:
            self.repeated += 1
            if self.repeated > self.max_aliases:
                raise LoadError(span, f"YAML aliases expand to more than {self.max_aliases} "
                                "repeated values", "IT112")
        self.done.add(key)
        self.active.add(key)
        try:
            return _convert(node, self.file, self, depth)
        finally:
            self.active.discard(key)


def _convert(node: yaml.Node, file: str, conv: _Converter, depth: int) -> PValue:
    span = _span(file, node)
    if not node.tag.startswith("tag:yaml.org,2002:") or (
            node.tag not in _SCALAR_TAGS and node.tag not in _COLLECTION_TAGS):
        raise LoadError(span, f"the YAML tag `{node.tag[:60]}` is not supported; only plain "
                        "data (strings, numbers, booleans, null, lists, maps)", "IT112")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, PValue] = {}
        keys: dict[str, Span] = {}
        for k, v in node.value:
            kspan = _span(file, k)
            if not isinstance(k, yaml.ScalarNode):
                raise LoadError(kspan, "mapping keys must be plain strings", "IT105")
            key = _text(str(k.value), kspan)
            if key in out:
                raise LoadError(kspan, f"duplicate key `{key}` (first at line "
                                f"{keys[key].line})", "IT105")
            keys[key] = kspan
            out[key] = conv.convert(v, depth + 1)
        return PValue(out, span, keys)
    if isinstance(node, yaml.SequenceNode):
        return PValue([conv.convert(v, depth + 1) for v in node.value], span)
    assert isinstance(node, yaml.ScalarNode)
    value = _scalar(node, span, conv.constructor)
    return PValue(_text(value, span) if isinstance(value, str) else value, span)


def _text(s: str, span: Span) -> str:
    """`s` with UTF-16 surrogate pairs (JSON's `\\ud83d\\ude00`) joined; a lone surrogate is
    IT110, so that no writer ever meets one."""
    if _SURROGATE.search(s) is None:
        return s
    try:
        return s.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        raise LoadError(span, "a `\\u` escape names a lone UTF-16 surrogate, which is not a "
                        "character", "IT110") from None


def _scalar(node: yaml.ScalarNode, span: Span, ctor: yaml.constructor.SafeConstructor) -> Any:
    """Resolve a scalar with YAML's SafeLoader rules (ints, floats, bools, nulls, strings)."""
    digits = sum(c.isdigit() for c in node.value) if len(node.value) > MAX_INT_DIGITS else 0
    if node.tag == _CORE + "int" and digits > MAX_INT_DIGITS:
        raise LoadError(span, f"integer with more than {MAX_INT_DIGITS} digits", "IT111")
    try:
        return ctor.construct_object(node, deep=True)
    except Exception:  # noqa: BLE001 - `!!int abc`, `!!bool x`, `!!timestamp x`
        # The message names the tag, not the value (it may be a credential).
        raise LoadError(span, f"the value is not a valid `!!{node.tag.rsplit(':', 1)[-1]}`",
                        "IT105") from None
    finally:  # nothing is shared between scalars (an alias is converted again)
        ctor.constructed_objects.clear()
        ctor.recursive_objects.clear()
