"""Write an output directory safely: inside `--out` only, never over an input, all at once."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import posixpath
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Sink
from .span import Span

# Siblings of the output directory made by a run; a later run removes what a killed one left.
_TEMP = ".{name}.iac-translate-"
LOCK_WAIT_S = 120.0  # a concurrent run of the same output waits this long, then IT013


def write(files: dict[str, str], out: Path, protected: set[Path], where: str = "--out"
          ) -> tuple[int, list[Diagnostic]]:
    """Make `out` hold `files` (relative POSIX paths) in one step, keeping its other files.

    Nothing is written when any destination is unsafe (IT004/IT008/IT009): outside `out`,
    through a symlink, over a file in `protected` (resolved input paths) or not writable.
    The new tree is built beside `out` and swapped in, under a lock on `out`'s parent, so a
    killed or concurrent run never leaves a mix of old and new files.  Returns the number of
    files whose content changed and the diagnostics.
    """
    sink = Sink()
    out = Path(os.path.abspath(out))
    _check(files, out, protected, where, sink)
    if sink.has_errors:
        return 0, sink.sorted()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        sink.add("IT009", _at(out), f"cannot create `{out.parent}`: {_reason(e)}")
        return 0, sink.sorted()
    try:
        with _Lock(out.parent):
            _recover(out)
            return _swap_in(files, out, sink), sink.sorted()
    except _Busy:
        sink.add("IT013", _at(out), f"another iac-translate run is writing `{out}`; "
                 f"gave up after {LOCK_WAIT_S:.0f} s", "run again when it has finished")
    except OSError as e:
        sink.add("IT009", _at(Path(e.filename) if e.filename else out),
                 f"cannot write `{out}`: {_reason(e)}; it is unchanged")
    return 0, sink.sorted()


def _check(files: dict[str, str], out: Path, protected: set[Path], where: str,
           sink: Sink) -> None:
    if out.is_symlink():
        sink.add("IT008", _at(out), f"`{out}` is a symbolic link; give its target as {where}")
        return
    if out.exists() and not out.is_dir():
        sink.add("IT009", _at(out), f"`{out}` exists and is not a directory")
        return
    real_out = out.resolve()
    for rel in sorted(files):
        try:
            files[rel].encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the frontends should have refused it
            sink.add("IT009", Span(rel, 1, 1), f"not written: `{rel}` holds text that is not "
                     "valid Unicode (a lone surrogate escape in the input)")
        parts = rel.split("/")
        if (not rel or rel.startswith("/") or "\\" in rel or "\0" in rel
                or any(p in ("", ".", "..") for p in parts) or posixpath.isabs(rel)):
            sink.add("IT008", Span(rel, 1, 1), f"output path `{rel}` would leave {where}; "
                     "not written")
            continue
        here = out
        for i, part in enumerate(parts):
            here = here / part
            if here.is_symlink():
                sink.add("IT008", Span(rel, 1, 1), f"not written: `{here}` is a symbolic "
                         f"link, and {where} is only written through real directories",
                         "delete the link (a generated directory never needs one)")
                break
            last = i == len(parts) - 1
            if here.exists() and (here.is_dir() if last else not here.is_dir()):
                sink.add("IT009", Span(rel, 1, 1), f"not written: `{here}` is "
                         f"{'a directory' if last else 'not a directory'}")
                break
        else:
            dest = (out / rel).resolve()
            if real_out not in dest.parents:
                sink.add("IT008", Span(rel, 1, 1), f"output path `{rel}` would leave {where}")
            elif dest in protected:
                sink.add("IT004", Span(rel, 1, 1), f"not written: `{dest}` is an input file; "
                         f"choose another {where} directory")


def _swap_in(files: dict[str, str], out: Path, sink: Sink) -> int:
    stage = Path(tempfile.mkdtemp(prefix=_TEMP.format(name=out.name), dir=out.parent))
    try:
        if out.is_dir():
            _replicate(out, stage)
            os.chmod(stage, out.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(stage, 0o777 & ~umask)
        changed = 0
        for rel, text in sorted(files.items()):
            data = text.encode("utf-8")
            dest = stage / rel
            if _same(dest, data):
                continue  # unchanged files keep their inode and time stamps
            dest.parent.mkdir(parents=True, exist_ok=True)
            if dest.exists() or dest.is_symlink():
                dest.unlink()  # a hard link to the old file: never write through it
            # No fsync per file: it cost 0.5 ms a file, and the swap is what a killed run
            # must not see half done (power loss is the file system's journal's business).
            with open(dest, "xb") as f:
                f.write(data)
            changed += 1
        if out.is_dir():
            _exchange(stage, out)  # `stage` now holds the old tree
        else:
            os.rename(stage, out)
            return changed  # nothing old to remove
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)
    return changed


def _replicate(src: Path, dst: Path) -> None:
    """Copy the tree `src` into `dst` cheaply: hard links for files, links as links."""
    for dirpath, dirnames, filenames in os.walk(src):
        rel = Path(dirpath).relative_to(src)
        for name in dirnames + filenames:
            s, d = Path(dirpath) / name, dst / rel / name
            if s.is_symlink():
                os.symlink(os.readlink(s), d)
            elif s.is_dir():
                d.mkdir()
                os.chmod(d, s.stat().st_mode & 0o7777)
            else:
                try:
                    os.link(s, d)
                except OSError:
                    shutil.copy2(s, d)
        dirnames[:] = [n for n in dirnames if not (Path(dirpath) / n).is_symlink()]


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_bytes() == data
    except OSError:
        return False


def _exchange(a: Path, b: Path) -> None:
    """Swap two directories atomically (Linux renameat2); elsewhere, two quick renames."""
    if _renameat2 is not None:
        if _renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # RENAME_EXCHANGE
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(err, os.strerror(err), str(b))
    old = b.parent / (_TEMP.format(name=b.name) + "old")
    os.rename(b, old)
    os.rename(a, b)
    os.rename(old, a)


def _load_renameat2() -> Any:
    name = ctypes.util.find_library("c")
    try:
        fn = ctypes.CDLL(name, use_errno=True).renameat2 if name else None
    except (OSError, AttributeError):
        return None
    if fn is not None:
        fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                       ctypes.c_uint]
        fn.restype = ctypes.c_int
    return fn


_renameat2 = _load_renameat2()


def _recover(out: Path) -> None:
    """Clean up after a run that was killed: restore an output moved aside, drop stages."""
    prefix = _TEMP.format(name=out.name)
    old = out.parent / (prefix + "old")
    if not out.exists() and old.is_dir():
        os.rename(old, out)
    for p in out.parent.glob(prefix + "*"):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)


class _Busy(Exception):
    pass


class _Lock:
    """An exclusive lock held on the output's parent directory (no lock file is left)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fd = -1

    def __enter__(self) -> _Lock:
        self.fd = os.open(self.directory, os.O_RDONLY)
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, the swap is still all at once
            return self
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    raise _Busy() from None
                time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)  # closing releases the lock


def _at(path: Path) -> Span:
    return Span(str(path), 1, 1)


def _reason(e: OSError) -> str:
    return e.strerror or e.__class__.__name__
