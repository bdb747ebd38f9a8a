"""OVH advanced_configuration read for a target's engine parameters: engine keys, the rest said."""

from __future__ import annotations

from collections.abc import Iterator

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database_settings import Config, ConfigEntry

from .context import Ctx
from .use import Use

# The advanced_configuration prefix that names the engine itself (others are OVH components).
PREFIX = {"postgresql": "pg", "mysql": "mysql"}


def literal(ctx: Ctx, node: N.Resource, u: Use, config: Config, by_hand: str) -> bool:
    """Whether advanced_configuration is a literal map (else IT309: `by_hand` says what to
    write instead); it is consumed either way."""
    u.raw("advanced_configuration")
    if config.computed:
        ctx.sink.add("IT309", config.source.span if config.source else node.span,
                     f"advanced_configuration of {node.address} is not a literal map; {by_hand}")
        return False
    return True


def engine_keys(ctx: Ctx, node: N.Resource, config: Config, engine: str | None,
                what: str) -> Iterator[ConfigEntry]:
    """The entries that set the engine's own parameters; a key of an OVH service component
    (pglookout...) is not translated (IT302): it is not `what` (a server parameter...)."""
    prefix = PREFIX.get(engine or "")
    for entry in config.entries:
        if entry.prefix != prefix:
            ctx.sink.add("IT302", entry.value.span or node.span, f"advanced_configuration "
                         f"`{entry.key}` of {node.address} is not translated: "
                         f"`{entry.prefix}` is an OVH service component, not {what}")
            continue
        yield entry
