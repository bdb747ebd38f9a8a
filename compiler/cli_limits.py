"""The `--limit NAME=VALUE` and `--no-cache` options shared by translate, lint, report, check."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def run_options(fn: F) -> F:
    """Add the options to a command and run its body under those limits and cache setting.

    The limits start from the defaults, then the configuration's `limits:` (commands that
    read iac-translate.yaml: lint, check), then each `--limit`; a bad name or value is a
    usage error (exit 2) naming the valid ones.
    """
    @functools.wraps(fn)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        from . import cache, limits
        given: tuple[str, ...] = kwargs.pop("limit_options")
        no_cache: bool = kwargs.pop("no_cache")
        base = limits.DEFAULT
        if "config_file" in kwargs:
            with cache.enabled(not no_cache):  # (its validity may come from the cache)
                base = _config_limits(kwargs["config_file"])
        try:
            chosen = limits.parse_options(given, base)
        except limits.LimitError as e:
            raise click.UsageError(str(e)) from None
        with limits.using(chosen), cache.enabled(not no_cache):
            return fn(*args, **kwargs)

    wrapped = click.option(
        "--no-cache", is_flag=True,
        help="Do not read or write the cache of results in ~/.cache/iac-translate "
             "($IAC_TRANSLATE_CACHE_DIR).")(wrapped)
    wrapped = click.option(
        "--limit", "limit_options", multiple=True, metavar="NAME=VALUE",
        help="Raise or lower an input limit (repeatable): file_bytes, total_bytes, depth, "
             "items, aliases (sizes take k/m/g).")(wrapped)
    return wrapped  # type: ignore[return-value]


def _config_limits(config_file: str | None) -> Any:
    """The limits of the configuration the command will read (defaults without one); a bad
    configuration is left to the command, which reports it."""
    from . import config, limits
    path = Path(config_file) if config_file else config.find(Path.cwd())
    if path is None:
        return limits.DEFAULT
    try:
        return config.load(path).limits
    except config.ConfigError:
        return limits.DEFAULT
