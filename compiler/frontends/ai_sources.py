"""Find AI workloads in files: API bodies and `ovhai ... run` commands in any text."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Sink
from ..secrets import secret_name, secret_value
from ..span import Span
from . import loader
from .inputtree import VENDORED, Tree

# The readers (YAML, the AI IR) are imported when a file is read as a workload: a directory
# walk of plain Terraform, or a warm run, never needs them.
if TYPE_CHECKING:
    from ..ir import ai
    from .k8s_export import Exported

_COMMAND = re.compile(r"\bovhai[ \t]+(?:app|job|notebook)[ \t]+run\b")
BODY_SUFFIXES = (".json", ".yaml", ".yml")


AI_SUFFIXES = BODY_SUFFIXES + (".sh", ".bash", ".md", ".txt", ".mk")
AI_NAMES = ("Makefile", "makefile", "GNUmakefile")  # make's own file names


def candidate(name: str) -> bool:
    """A file name a directory walk reads for AI workloads (the lint hook's `files:` too)."""
    return name.endswith(AI_SUFFIXES) or name in AI_NAMES


def looks_secret(env: ai.EnvVar) -> bool:
    """Env vars whose name or value looks like a credential (shared by targets and lint)."""
    return secret_name(env.name) or secret_value(env.value or "", env.name)


def collect(paths: list[str | Path], sink: Sink, read: set[Path] | None = None
            ) -> dict[str, str]:
    """Files given directly (any kind) or found in directories, relative to their common root;
    every file read is added to `read`.  Links are followed inside the input tree only, once;
    this tool's own outputs are never read back (info IT012 under -v)."""
    found = loader.resolve_inputs(paths, sink)
    if found is None:
        return {}
    present, root = found
    tree = Tree(root, sink, read)
    files: dict[str, str] = {}
    for r in present:
        members = [r] if r.is_file() else [
            m for m in tree.walk(r, VENDORED) if candidate(m.name)]
        for m in members:
            rel = m.relative_to(root).as_posix()
            if not tree.admit_file(m):
                continue
            if m is r:
                loader.read_into(m, rel, files, sink)
                continue
            if loader.too_large(m, rel, sink):  # IT115 past the file_bytes limit
                continue
            try:
                files[rel] = m.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                # Found by walking a directory (git-crypt secrets, images named .yaml):
                # not an input the user pointed at, so a note rather than an error.
                sink.add("IT014", Span(rel, 1, 1), f"`{rel}` is not UTF-8 text (binary or "
                         "encrypted); it is skipped")
            except OSError as e:
                sink.add("IT002", Span(rel, 1, 1), f"cannot read `{rel}`: {e.__class__.__name__}")
            if rel in files and written_here(files[rel]):
                del files[rel]
                sink.add("IT012", Span(rel, 1, 1), f"`{rel}` was written by iac-translate; "
                         "outputs are never read back as inputs")
    return files


# The label every manifest this tool writes carries (targets/k8s).
_OWN_OUTPUT = re.compile(r"^\s*app\.kubernetes\.io/managed-by:\s*['\"]?iac-translate\b",
                         re.M)


def written_here(text: str) -> bool:
    """True for a manifest this tool wrote (its managed-by label)."""
    return _OWN_OUTPUT.search(text) is not None


def read_all(files: dict[str, str], sink: Sink,
             exports: dict[str, list[Exported]] | None = None) -> list[ai.AiWorkload]:
    """Workloads of all files; manifests exported from MKS go to `exports` (by file)."""
    charts = frozenset(posixpath.dirname(rel) for rel in files
                       if posixpath.basename(rel) == "Chart.yaml")
    out: list[ai.AiWorkload] = []
    for rel in sorted(files):
        out.extend(read_file(rel, files[rel], sink, exports, charts))
    return out


def find_commands(text: str) -> list[tuple[int, str]]:
    """(offset, command text) of every `ovhai KIND run` command, continuations included."""
    out = []
    for m in _COMMAND.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        if _commented(before):
            continue
        end = m.start()
        while True:
            nl = text.find("\n", end)
            if nl == -1:
                end = len(text)
                break
            if text[nl - 1] == "\\" or text[nl - 2:nl] == "\\\r":  # a continuation line
                end = nl + 1
                continue
            end = nl
            break
        cmd = text[m.start():end]
        tick = _unquoted_backtick(cmd)  # `ovhai app run ...` inside Markdown prose
        out.append((m.start(), cmd if tick < 0 else cmd[:tick]))
    return out


def _commented(before: str) -> bool:
    """A `#` before the command on its line (outside quotes) comments it out."""
    return _first_unquoted(before, "#") >= 0


def _unquoted_backtick(cmd: str) -> int:
    return _first_unquoted(cmd, "`")


def _first_unquoted(text: str, char: str) -> int:
    """Index of the first `char` outside single or double quotes, or -1."""
    quote = ""
    for i, c in enumerate(text):
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == char:
            return i
    return -1


def read_file(rel: str, text: str, sink: Sink,
              exports: dict[str, list[Exported]] | None = None,
              charts: frozenset[str] = frozenset()) -> list[ai.AiWorkload]:
    """Workloads from one file; errors are located diagnostics (nothing is raised).  A YAML or
    JSON file is read as an AI body only when it is one (ai_shape); otherwise only the
    `ovhai ... run` commands in it are read."""
    from . import ai_shape, ai_spec, k8s_export
    from .positioned import LoadError, load
    text = text.removeprefix("\ufeff")
    if rel.endswith(BODY_SUFFIXES):
        foreign = ai_shape.foreign_file(rel, text, charts)
        if foreign:
            sink.add("IT231", Span(rel, 1, 1), f"`{rel}` is {foreign}, not an AI body; "
                     "it is skipped")
            return read_commands(rel, text, sink)
        try:
            docs = load(text, rel)
        except LoadError as e:
            foreign = ai_shape.foreign_text(text)
            if foreign:  # not valid YAML, and not an AI body either: not ours to report
                sink.add("IT231", e.span, f"`{rel}` is {foreign}, not an AI body; it is "
                         "skipped")
            elif not find_commands(text):
                sink.add(e.code, e.span, e.message)
                return []
            docs = []
        if exports is not None and k8s_export.is_export(docs):
            exports[rel] = k8s_export.read(docs, sink)
            return []
        out = []
        for d in docs:
            why = ai_shape.not_a_body(d)
            if why:
                sink.add("IT231", d.span, f"this document is {why}, not an AI app, job or "
                         "notebook spec; it is skipped")
                continue
            w = ai_spec.read_body(d, sink, _kind_from_name(rel))
            if w is not None:
                out.append(w)
        if out or any(not ai_shape.not_a_body(d) for d in docs):
            return out
    return read_commands(rel, text, sink)


_BLOCKQUOTE = re.compile(r"(?<=\n)[ \t]*>", re.M)


def read_commands(rel: str, text: str, sink: Sink) -> list[ai.AiWorkload]:
    # The command-line grammar (lark) is loaded only when a file holds an `ovhai` command:
    # `lint` of plain Terraform never pays for it.
    from ..hcl.lexer import LineIndex
    from . import ovhai_cli
    index = LineIndex(text)
    out = []
    for offset, cmd in find_commands(text):
        line, col = index.pos(offset)
        if rel.endswith(".md"):  # `> ` of a Markdown block quote, kept as blanks
            cmd = _BLOCKQUOTE.sub(lambda m: " " * len(m.group(0)), cmd)
        try:
            ws = ovhai_cli.words(cmd, rel, line, col)
        except ovhai_cli.CliError as e:
            sink.add(e.code, e.span, e.message)
            continue
        w = ovhai_cli.parse_command(ws, sink, mention=text[offset - 1:offset] == "`")
        if w is not None:
            out.append(w)
    return out


def _kind_from_name(rel: str) -> str | None:
    name = rel.rsplit("/", 1)[-1].lower()
    for kind in ("notebook", "job", "app"):
        if kind in name:
            return kind
    return None
