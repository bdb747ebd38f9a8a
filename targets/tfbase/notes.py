"""Diagnostics a target words in its data: code, text and hint by key, filled at the call."""

from __future__ import annotations

from collections.abc import Mapping

from iac_translate.compiler.span import Span

from .context import Ctx

# A table maps a key (e.g. "cluster.plan_free") to {"code": "IT301", "text": ..., "hint": ...};
# text and hint are str.format patterns of the caller's named values ({address} mostly).


def say(ctx: Ctx, table: Mapping[str, Mapping[str, str]], key: str, span: Span | None, /,
        **values: object) -> None:
    """Report the note `key` of `table` at `span`."""
    entry = table[key]
    ctx.sink.add(entry["code"], span, entry["text"].format(**values),
                 entry.get("hint", "").format(**values))
