"""An lru_cache for pure functions of short texts that never keeps a long text alive."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar, cast

_F = TypeVar("_F", bound=Callable[..., Any])
_SHORT = 2048  # characters: longer texts (a whole source line, a big literal) are not kept


def short_memo(size: int) -> Callable[[_F], _F]:
    """lru_cache for pure functions of short texts (names, messages and hints repeat across
    thousands of diagnostics); a long text is computed each time, never kept alive."""
    def deco(fn: _F) -> _F:
        cached = lru_cache(maxsize=size)(fn)
        if fn.__code__.co_argcount == 1 and not fn.__code__.co_kwonlyargcount:
            # One text (secret_name, placeholder, redact: most calls): no argument packing.
            @wraps(fn)
            def call1(text: str) -> Any:
                return cached(text) if len(text) <= _SHORT else fn(text)
            call1.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
            return cast(_F, call1)

        @wraps(fn)
        def call(*args: str, **kw: str) -> Any:
            # One or two texts (every call): no generator to add up the lengths.
            n = len(args)
            if not kw and (len(args[0]) <= _SHORT if n == 1 else
                           len(args[0]) + len(args[1]) <= _SHORT if n == 2 else
                           sum(len(a) for a in args) <= _SHORT):
                return cached(*args)
            return fn(*args, **kw)
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]  # (tests: a cold run)
        return cast(_F, call)
    return deco
