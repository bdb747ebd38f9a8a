"""Consumption tracking: every source argument is translated, approximated or reported dropped."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

if TYPE_CHECKING:
    from .context import Ctx

# Arguments that identify the OVH project or are computed echoes; never reported.
SILENT = ("service_name", "id")


def not_translated(code: str, reason: str, target: str = "the target",
                   hint: str = "") -> Callable[[Ctx, Any], None]:
    """A lowering for types with no counterpart: read all arguments, report `reason` once.

    `reason` is formatted with the node's `address`.
    """
    def lower(ctx: Ctx, node: N.Resource) -> None:
        u = Use(ctx, node, target)
        for name, _ in node.args:
            u.raw(name)
        ctx.sink.add(code, node.span, reason.format(address=node.address), hint)
        u.done()
    return lower


def is_empty(value: E.Expr) -> bool:
    """`{}`, `[]` and `null` carry nothing to lose (OVH requires some of them to be written)."""
    if isinstance(value, (E.Object, E.Tuple)):
        return not value.items
    return isinstance(value, E.Literal) and value.value is None


class Use:
    """Reads a node's arguments for a lowering and reports, at the end, what was left unread."""

    def __init__(self, ctx: Ctx, node: N.Resource, target: str) -> None:
        self.ctx = ctx
        self.node = node
        self.target = target  # e.g. "google_container_cluster.k", for messages
        self.consumed: set[str] = set(SILENT)

    def raw(self, path: str) -> E.Expr | None:
        """The source expression at `path` (dotted, through nested blocks), marked consumed."""
        self.consumed.add(path)
        return self.node.get(path)

    def field(self, neutral: str) -> E.Expr | None:
        return self.raw(self.node.FIELDS.get(neutral, neutral))

    def expr(self, path: str) -> E.Expr | None:
        """The expression at `path` with references rewritten for the target."""
        value = self.raw(path)
        return None if value is None else self.ctx.rewrite(value, self.node.module)

    def span(self, path: str) -> Span:
        head = path.split(".")[0]
        value = self.node.get(path)
        if value is not None and value.span is not None:
            return value.span
        return self.node.arg_span(head)

    def drop(self, path: str, why: str) -> None:
        """Report an argument with no equivalent (IT302) if it is set to something."""
        value = self.raw(path)
        if value is not None and not is_empty(value):
            self.ctx.sink.add("IT302", value.span or self.node.span,
                              f"`{path}` of {self.node.address} is not translated: {why}")

    def approx(self, path: str, why: str) -> E.Expr | None:
        """Report an approximated argument (IT301) if it is set; return it rewritten."""
        value = self.raw(path)
        if value is not None:
            self.ctx.sink.add("IT301", value.span or self.node.span,
                              f"`{path}` of {self.node.address}: {why}")
            return self.ctx.rewrite(value, self.node.module)
        return None

    def done(self) -> None:
        """Report every set argument (or nested argument) that no lowering step read.

        Arguments unknown to the OVH schema were reported by the frontend (IT202); here they
        become a TODO comment on the emitted block so the reviewer sees them in place.
        """
        known = self._known()
        block = self.ctx.primary.get(self.ctx.key_of(self.node))
        for name, value in self.node.args:
            if known is not None and name not in known:
                if block is not None:
                    block.note(f"TODO(IT202): unknown OVH argument `{name} = {to_hcl(value)}` "
                               "was not translated")
                continue
            self._leftover(name, value)

    def _known(self) -> frozenset[str] | None:
        if not self.node.type.startswith("ovh_"):
            return None
        return _schema_names(self.node.canonical_type, self.node.mode)

    def _leftover(self, path: str, value: E.Expr) -> None:
        if path in self.consumed or is_empty(value):
            return
        prefix = path + "."
        if not any(c.startswith(prefix) for c in self.consumed):
            self.ctx.sink.add("IT302", value.span or self.node.span,
                              f"`{path}` of {self.node.address} has no equivalent in "
                              f"{self.target} and is not translated")
            return
        obj = N.first_object(value)
        if obj is None:
            return
        for k, v in obj.items:
            name = E.key_name(k)
            if name is not None:
                self._leftover(prefix + name, v)


@cache
def _schema_names(canonical: str, mode: str) -> frozenset[str] | None:
    """Argument, block and computed names of an OVH type (the shipped schema, which does not
    change during a run): built once per type, not once per resource."""
    schema = ovh_types.type_schema(canonical, mode)
    if schema is None:
        return None
    return frozenset(schema.get("args", {})) | frozenset(schema.get("blocks", {})) | \
        frozenset(schema.get("computed", []))
