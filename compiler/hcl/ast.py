"""Syntax-level HCL structure: files, bodies, attributes and blocks, each with spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..ir.expr import Expr
from ..span import Span

# Not frozen, for the cost of construction (see ir/expr.py): immutable by convention.

@dataclass(slots=True, unsafe_hash=True)
class Attribute:
    name: str
    expr: Expr
    span: Span = field(compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    span: Span = field(compare=False)
    label_spans: tuple[Span, ...] = field(default=(), compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Body:
    items: tuple[Attribute | Block, ...] = ()

    def attributes(self) -> Iterator[Attribute]:
        return (i for i in self.items if isinstance(i, Attribute))

    def blocks(self, type_: str | None = None) -> Iterator[Block]:
        return (i for i in self.items
                if isinstance(i, Block) and (type_ is None or i.type == type_))

    def attr(self, name: str) -> Attribute | None:
        for i in self.items:
            if isinstance(i, Attribute) and i.name == name:
                return i
        return None


@dataclass(slots=True, unsafe_hash=True)
class File:
    path: str  # relative to the input root, POSIX
    body: Body
