"""The CLI's command group: `PATH ...` as short for translate, "did you mean", the guard."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

# Exit codes (documented in the README).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
EXIT_SIGPIPE = 141  # 128 + SIGPIPE, what shells report for a reader that closed the pipe


def version() -> str:
    # importlib.metadata costs ~20 ms (it imports email parsing) of a ~60 ms `--version`:
    # the installed METADATA's Version line is read directly, metadata only as the fallback.
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith("iac_translate-") and name.endswith(".dist-info"):
                found = _metadata_version(Path(entry or ".", name, "METADATA"))
                if found:
                    return found
    from importlib import metadata
    try:
        return metadata.version("iac-translate")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def _metadata_version(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip() or None
                if not line.strip():  # end of the headers
                    return None
    except OSError:
        return None
    return None


def version_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--version/-V, eager like click's version_option, but the version is looked up only
    when asked (click's computes it when the command is defined, on every run)."""
    def show(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            click.echo(f"iac-translate {version()}")
            ctx.exit()
    return click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True,
                        callback=show, help="Show the version and exit.")(f)


class LazyChoice(click.Choice):
    """A click.Choice whose choices are computed on first use: the target list needs the
    targets package, which `--version` and `--help` must not import."""

    def __init__(self, load: Callable[[], Sequence[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._choices: tuple[Any, ...] | None = None
        self.case_sensitive = case_sensitive

    @property  # type: ignore[override]
    def choices(self) -> Sequence[Any]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value: Sequence[Any]) -> None:
        self._choices = tuple(value)


def _from_script(caller: Any) -> bool:
    """Called by the top level of the file Python runs (its path is argv[0]), not by code
    that goes on after `main()` returns or raises SystemExit."""
    if caller.f_code.co_name == "__call__":  # `main()` is click's Command.__call__
        caller = caller.f_back
    code = caller.f_code
    return code.co_name == "<module>" and bool(sys.argv) and \
        os.path.abspath(code.co_filename) == os.path.abspath(sys.argv[0])


_ENDING: list[bool] = []  # set when the command line runs: the process ends with the command


def process_ends() -> bool:
    """True when the command runs as the process (not called from Python): what it allocates
    after its work is freed by the exit, and the cyclic collector need not run any more."""
    return bool(_ENDING)


class DefaultToTranslate(click.Group):
    """`iac-translate PATH ...` means `iac-translate translate PATH ...`; a first word that is
    neither a command nor an existing path is a usage error (exit 2) with a suggestion, never
    a translation of a path that does not exist."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            word = args[0]
            if not Path(word).exists():
                import difflib  # (only for a mistyped command)
                near = difflib.get_close_matches(word, sorted(self.commands), n=1, cutoff=0.6)
                hint = f"; did you mean `{near[0]}`?" if near else \
                    f" (commands: {', '.join(sorted(self.commands))})"
                what = "no such command" if near else "no such command or path"
                click.echo(ctx.get_usage(), err=True)
                click.echo(f"Try '{ctx.command_path} --help' for help.\n", err=True)
                click.echo(f"Error: {what} `{word}`{hint}", err=True)
                ctx.exit(EXIT_USAGE)
            args = ["translate", *args]
        return super().parse_args(ctx, args)

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kw: Any) -> Any:
        if args is not None or rest or kw or not _from_script(sys._getframe(1)):
            return super().main(args, *rest, **kw)  # called from Python (tests, CliRunner)
        # The console script (or `python -m`): the process ends here. Interpreter teardown
        # would free every object still alive one by one, after a last full collection
        # (0.6 s at 20,000 resources); nothing registers exit handlers, so the streams are
        # flushed and the process exits with the command's code.
        _ENDING.append(True)
        try:
            return super().main()
        except SystemExit as e:
            process = sys.modules.get(f"{__package__}.process")
            if process is not None:
                process.wait_for_writers()  # the cache entry is written before the end
            if not isinstance(e.code, (int, type(None))):
                raise
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except BaseException:  # noqa: BLE001 - a closed pipe: leave it to the usual exit
                raise e from None
            os._exit(e.code or 0)

    def invoke(self, ctx: click.Context) -> object:
        # The guard of every command: click's usage errors and exits pass through; anything
        # else is one IT901 (or IT109/IT113) line and exit 70, never a traceback.
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort,
                SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader went away (`iac-translate codes | head`): stop quietly, as a
            # process killed by SIGPIPE would, not with an internal error.
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_SIGPIPE)
        except BaseException as e:  # noqa: BLE001
            from .guard import cli_line
            click.echo(cli_line(e), err=True)
            sys.exit(EXIT_INTERNAL)


def add_basic_commands(main: click.Group) -> None:
    """`version` and `help [COMMAND]`, the words newcomers type first."""

    @main.command("version")
    def version_cmd() -> None:
        """Print the version."""
        click.echo(f"iac-translate {version()}")

    @main.command("help")
    @click.argument("command", required=False)
    @click.pass_context
    def help_cmd(ctx: click.Context, command: str | None) -> None:
        """Show the help of the tool, or of COMMAND."""
        parent = ctx.parent
        assert parent is not None
        if command is None:
            click.echo(main.get_help(parent))
            return
        cmd = main.get_command(parent, command)
        if cmd is None:
            import difflib
            near = difflib.get_close_matches(command, sorted(main.commands), n=1, cutoff=0.6)
            raise click.UsageError(f"no such command `{command}`"
                                   + (f"; did you mean `{near[0]}`?" if near else ""))
        with click.Context(cmd, info_name=command, parent=parent) as sub:
            click.echo(cmd.get_help(sub))
