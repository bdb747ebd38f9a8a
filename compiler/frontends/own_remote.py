"""Module calls by the Git address of the repository being translated, read from the checkout."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# `[remote "origin"]` ... `url = ...` of the repository's `.git/config`.
_URL = re.compile(r"^\s*url\s*=\s*(\S+)\s*$", re.M)
_GETTER = re.compile(r"^git::")
_SCP = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>[^/].*)$")  # git@host:owner/repo
_SHORTHAND = ("github.com/", "bitbucket.org/")
_MAX_CONFIG = 1 << 20
# Remote `source = "..."` (HCL, at the start of its line, as loader's local pattern) and JSON.
_HCL = re.compile(r'^[ \t]*source\s*=\s*"([^".][^"]*)"', re.M)
_JSON = re.compile(r'"source"\s*:\s*"([^".][^"]*)"')


@dataclass(frozen=True)
class OwnCall:
    """A call of this repository's own module: its directory (input-relative) and the ref
    its source pins (the checkout is read instead)."""

    dir: str
    ref: str


def identities(bound: Path) -> frozenset[str]:
    """`host/owner/repo` of every remote of the repository at `bound` (its `.git/config`);
    none when `.git` is no directory (a worktree, a bare marker) or the file is unreadable."""
    config = bound / ".git" / "config"
    try:
        if config.is_symlink() or not config.is_file() or \
                config.stat().st_size > _MAX_CONFIG:
            return frozenset()
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(i for u in _URL.findall(text) if (i := _identity(u)) is not None)


def _identity(address: str) -> str | None:
    """`github.com/acme/infra` of `https://github.com/Acme/infra.git`, `git@github.com:acme/
    infra`, `ssh://git@github.com/acme/infra`, `github.com/acme/infra` (a module source's
    shorthand); None for anything else (a local path, an archive, the registry)."""
    a = _GETTER.sub("", address.strip())
    scheme, sep, rest = a.partition("://")
    if sep:
        if scheme not in ("https", "http", "ssh", "git"):
            return None
        host_path = rest.split("@", 1)[-1] if "@" in rest.split("/", 1)[0] else rest
    elif (m := _SCP.match(a)) is not None and "." in m.group("host"):
        host_path = f"{m.group('host')}/{m.group('path')}"
    elif a.startswith(_SHORTHAND):
        host_path = a
    else:
        return None
    host, _, path = host_path.partition("/")
    host = host.split(":", 1)[0]  # (a port)
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2:
        return None
    repo = "/".join(parts)
    repo = repo[:-4] if repo.endswith(".git") else repo
    return f"{host}/{repo}".lower()


def pinned_ref(source: str) -> str:
    """The `ref` a Git source pins (`...//modules/net?ref=v1.2.0`), or ""."""
    query = source.partition("?")[2]
    return next((v for k, _, v in (p.partition("=") for p in query.split("&")) if k == "ref"),
                "")


# The public registry's `namespace/name/provider[//dir]`, published from the GitHub
# repository `namespace/terraform-<provider>-<name>` (the registry's naming rule).
_REGISTRY = re.compile(r"^(?:registry\.(?:terraform\.io|opentofu\.org)/)?"
                       r"(?P<ns>[\w-]+)/(?P<name>[\w-]+)/(?P<provider>[a-z0-9]+)(?://(?P<sub>.+))?$")


def _registry_call(source: str, ids: frozenset[str]) -> str | None:
    """The directory a registry address names in this repository, when this repository is
    the one the registry publishes it from (a module repository's examples call it so)."""
    m = _REGISTRY.match(source)
    if m is None:
        return None
    repo = f"github.com/{m['ns']}/terraform-{m['provider']}-{m['name']}".lower()
    return (m["sub"] or "") if repo in ids else None


def own_call(source: str, ids: frozenset[str], input_in_repo: str) -> OwnCall | None:
    """The call `source` as a directory of this repository, when it names one of its remotes
    (`github.com/acme/infra//modules/net?ref=v1`): relative to the input root, which is
    `input_in_repo` below the repository's root. None when it names another repository, no
    subdirectory, or one outside the input."""
    if not ids:
        return None
    sub_of_registry = _registry_call(source, ids)
    if sub_of_registry is not None:
        return _inside(sub_of_registry, input_in_repo, "")
    if "//" not in _GETTER.sub("", source).split("://", 1)[-1]:
        return None
    address = source.partition("?")[0]
    ref = pinned_ref(source)
    bare = _GETTER.sub("", address)
    scheme, sep, rest = bare.partition("://")
    repo_part, _, sub = rest.partition("//") if sep else bare.partition("//")
    if not sub:
        return None
    if not sep and repo_part.startswith(_SHORTHAND):
        # (the host's shorthand: owner/repo, then a directory, `github.com/o/r/dir//sub`)
        parts = repo_part.rstrip("/").split("/")
        repo_part, sub = "/".join(parts[:3]), "/".join([*parts[3:], sub])
    ident = _identity(f"{scheme}://{repo_part}" if sep else repo_part)
    if ident is None or ident not in ids:
        return None
    return _inside(sub, input_in_repo, ref)


def _inside(sub: str, input_in_repo: str, ref: str) -> OwnCall | None:
    """Directory `sub` of the repository, relative to the input root, if it is inside."""
    sub = posixpath.normpath(sub.strip("/") or ".")
    base = input_in_repo.strip("/")
    if sub.startswith("..") or (base and sub != base and not sub.startswith(base + "/")):
        return None
    rel = sub[len(base):].lstrip("/") if base else sub
    return OwnCall("" if rel in (".", "") else rel, ref)


# The cache key's entry for the remotes a run matched calls against (not a path of the input).
KEY = "<git remotes>"


def remotes(root: str) -> str:
    """The remotes of the repository holding `root`, one line each (for cache keys)."""
    repo = _repository(root)
    return "\n".join(sorted(repo[1])) if repo is not None else ""


@lru_cache(maxsize=256)
def _repository(d: str) -> tuple[str, frozenset[str]] | None:
    """The repository holding directory `d` (absolute) and its remotes, if it has any."""
    from .inputtree import bound_of
    bound = bound_of(Path(d))
    ids = identities(bound)
    return (bound.as_posix(), ids) if ids else None


def sources(text: str, directory: Path) -> list[str]:
    """The module sources in `text` (a file of `directory`, absolute) that name this
    repository's own remote, as the relative sources (`../../modules/net`) of their
    directories; the cheap pre-scan of loader.module_sources, for remote addresses."""
    repo = _repository(directory.as_posix())
    if repo is None:
        return []
    bound, ids = repo
    out = []
    for m in (*_HCL.finditer(text), *_JSON.finditer(text)):
        call = own_call(m.group(1), ids, "")
        if call is not None:
            rel = Path(os.path.relpath(Path(bound) / call.dir, directory)).as_posix()
            out.append(rel if rel.startswith("../") else "./" + rel.removeprefix("./"))
    return out


def local_source(source: str, directory: Path) -> tuple[str, str] | None:
    """(the relative source from `directory`, the pinned ref) of a call of this repository's
    own module, else None."""
    repo = _repository(directory.as_posix())
    if repo is None:
        return None
    bound, ids = repo
    call = own_call(source, ids, "")
    if call is None:
        return None
    rel = Path(os.path.relpath(Path(bound) / call.dir, directory)).as_posix()
    return (rel if rel.startswith("../") else "./" + rel.removeprefix("./")), call.ref
