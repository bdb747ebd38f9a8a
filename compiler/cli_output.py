"""What the CLI prints around diagnostics: cwd-relative paths, colour, the summary line."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

# The input loader (HCL parser, IR), the code table and diagnostics are imported when a run
# needs them, not at start-up (tests/test_startup.py).
SUFFIXES = (".tf.json", ".tf")  # as frontends.loader.SUFFIXES (tests/test_startup.py)


def use_color(choice: str) -> bool:
    """--color: always, never, or auto = stderr is a terminal and NO_COLOR is unset or empty
    (https://no-color.org: only a non-empty value disables colour)."""
    if choice in ("always", "never"):
        return choice == "always"
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def relocate(diags: list[Diagnostic], paths: tuple[str, ...], terraform: bool = True
             ) -> list[Diagnostic]:
    """The diagnostics with span files relative to the current directory, as compilers and
    linters print them, whatever paths were given (spans are relative to the inputs' root).
    Terraform spans use the root that covers local modules; AI ones the inputs' own root."""
    from .span import Span
    tf_root = _root(paths, modules=True)
    ai_root = _root(paths, modules=False)
    cwd = Path.cwd()
    out = []
    # Thousands of diagnostics share a few files: each (root, file) is made relative once.
    rels: dict[tuple[Path, str], str] = {}
    for d in diags:
        s = d.span
        root = tf_root if (terraform or s is None or s.file.endswith(SUFFIXES)) else ai_root
        if s is None or root is None:
            out.append(d)
            continue
        rel = rels.get((root, s.file))
        if rel is None:
            rel = rels[(root, s.file)] = _rel(root / s.file, cwd)
        # (A Span is a tuple: built directly, `_replace` was most of this loop.)
        out.append(d.moved(tuple.__new__(Span, (rel, s[1], s[2], s[3], s[4]))))
    return out


def _root(paths: tuple[str, ...], modules: bool) -> Path | None:
    from .diagnostics import Sink
    from .frontends.loader import resolve_inputs
    found = resolve_inputs(list(paths), Sink(), modules=modules)
    return found[1] if found else None


def _rel(path: Path, cwd: Path) -> str:
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive (Windows): no relative form exists
        return path.as_posix()


def cwd_reader() -> Callable[[str], str | None]:
    """Source lookup for relocated diagnostics: their files are relative to the cwd."""
    def read(rel: str) -> str | None:
        try:
            return Path(rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    return read


def show(diag: Diagnostic, quiet: bool, verbose: bool) -> bool:
    """-q keeps only errors; info diagnostics need -v."""
    sev = diag.severity.value  # (per diagnostic: codes.Severity's values, not imported here)
    if quiet:
        return sev == "error"
    return verbose or sev != "info"


def summary(diags: list[Diagnostic], written: int | None = None, unchanged: int = 0,
            where: str = "", printed: int | None = None) -> str:
    """`iac-translate: wrote 6 files to out/gke (2 unchanged); 0 errors, 3 warnings (IT302 x2,
    IT311), 5 infos`: what happened and the worst codes, whatever -q/-v hid."""
    from .codes import Severity
    parts = []
    if written is not None:
        total = written + unchanged
        head = f"wrote {written} file{_s(written)} to {where}"
        if not written and unchanged:
            head = f"{where} is up to date ({unchanged} file{_s(unchanged)} unchanged)"
        elif unchanged:
            head += f" ({unchanged} unchanged)"
        parts.append(head if total else f"wrote nothing to {where}")
    elif printed is not None:
        parts.append(f"printed {printed} file{_s(printed)}" if printed else "printed nothing")
    counts = []
    for sev, noun in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                      (Severity.INFO, "info")):
        of = [d.code for d in diags if d.severity is sev]
        text = f"{len(of)} {noun}{_s(len(of))}"
        if of and sev is not Severity.INFO:
            text += " (" + _worst(Counter(of)) + ")"
        counts.append(text)
    return "iac-translate: " + "; ".join(parts + [", ".join(counts)])


def _worst(counts: Counter[str], limit: int = 3) -> str:
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = [f"{code} x{n}" if n > 1 else code for code, n in top[:limit]]
    return ", ".join(shown + (["..."] if len(top) > limit else []))


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class Spinner:
    """A spinner on stderr for runs longer than `delay` seconds, only when stderr is a
    terminal: never in pipes, CI logs or tests' captured output. Cleared when the run ends."""

    def __init__(self, label: str, stream: Any = None, delay: float = 1.0) -> None:
        import threading
        self.stream = stream if stream is not None else sys.stderr
        self.label, self.delay = label, delay
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._spin, daemon=True)
        self.shown = False

    def __enter__(self) -> Spinner:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._stop.set()
            self._thread.join()
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()

    def _spin(self) -> None:
        if self._stop.wait(self.delay):
            return
        frames = "|/-\\"
        i = 0
        while not self._stop.is_set():
            self.stream.write(f"\r{frames[i % 4]} {self.label}")
            self.stream.flush()
            self.shown = True
            i += 1
            self._stop.wait(0.1)
