"""The CLI's command group: `PATH ...` as short for translate, "did you mean", the guard."""

from __future__ import annotations

import difflib
import sys
from importlib import metadata
from pathlib import Path

import click

# Exit codes (documented in the README).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def version() -> str:
    try:
        return metadata.version("iac-translate")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


class DefaultToTranslate(click.Group):
    """`iac-translate PATH ...` means `iac-translate translate PATH ...`; a first word that is
    neither a command nor an existing path is a usage error (exit 2) with a suggestion, never
    a translation of a path that does not exist."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            word = args[0]
            if not Path(word).exists():
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

    def invoke(self, ctx: click.Context) -> object:
        # The guard of every command: click's usage errors and exits pass through; anything
        # else is one IT901 (or IT109/IT113) line and exit 70, never a traceback.
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort,
                SystemExit, KeyboardInterrupt):
            raise
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
            near = difflib.get_close_matches(command, sorted(main.commands), n=1, cutoff=0.6)
            raise click.UsageError(f"no such command `{command}`"
                                   + (f"; did you mean `{near[0]}`?" if near else ""))
        with click.Context(cmd, info_name=command, parent=parent) as sub:
            click.echo(cmd.get_help(sub))
