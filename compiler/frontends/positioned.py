"""Positioned YAML/JSON loading: plain Python values, each with the span it was read from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..span import Span


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


def load(text: str, file: str) -> list[PValue]:
    """Every document of a YAML (or JSON) text; raises LoadError with a located code."""
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError(Span(file, line, col, line, col + 1),
                        f"{'JSON' if file.endswith('.json') else 'YAML'} syntax error: "
                        f"{e.problem or e}", "IT108") from None
    except yaml.YAMLError as e:
        raise LoadError(Span(file, 1, 1), f"cannot read {file}: {e}", "IT108") from None
    return [_convert(n, file) for n in nodes if n is not None]


def _convert(node: yaml.Node, file: str) -> PValue:
    span = _span(file, node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, PValue] = {}
        keys: dict[str, Span] = {}
        for k, v in node.value:
            kspan = _span(file, k)
            if not isinstance(k, yaml.ScalarNode):
                raise LoadError(kspan, "mapping keys must be plain strings", "IT105")
            key = str(k.value)
            if key in out:
                raise LoadError(kspan, f"duplicate key `{key}` (first at line "
                                f"{keys[key].line})", "IT105")
            keys[key] = kspan
            out[key] = _convert(v, file)
        return PValue(out, span, keys)
    if isinstance(node, yaml.SequenceNode):
        return PValue([_convert(v, file) for v in node.value], span)
    assert isinstance(node, yaml.ScalarNode)
    return PValue(_scalar(node), span)


def _scalar(node: yaml.ScalarNode) -> Any:
    """Resolve a scalar with YAML's SafeLoader rules (ints, floats, bools, nulls, strings)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
