"""Module calls by the Git address of the repository being translated, read from the checkout."""

from __future__ import annotations

import os
import posixpath
import re
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


def own_call(source: str, ids: frozenset[str]) -> str | None:
    """The directory of this repository (relative to its root) that the call `source`
    names, when it names one of the repository's remotes (`github.com/acme/infra//modules/
    net?ref=v1`) or the registry address published from it; None for another repository
    or a directory outside it."""
    if not ids:
        return None
    sub_of_registry = _registry_call(source, ids)
    if sub_of_registry is not None:
        return _inside(sub_of_registry)
    bare = _GETTER.sub("", source.partition("?")[0])
    scheme, sep, rest = bare.partition("://")
    repo_part, _, sub = rest.partition("//") if sep else bare.partition("//")
    if not sub:
        return None
    if not sep and repo_part.startswith(_SHORTHAND):
        # (the host's shorthand: owner/repo, then a directory, `github.com/o/r/dir//sub`)
        parts = repo_part.rstrip("/").split("/")
        repo_part, sub = "/".join(parts[:3]), "/".join([*parts[3:], sub])
    ident = _identity(f"{scheme}://{repo_part}" if sep else repo_part)
    return _inside(sub) if ident is not None and ident in ids else None


def _inside(sub: str) -> str | None:
    """Directory `sub` of the repository ("" for its root), if it does not leave it."""
    sub = posixpath.normpath(sub.strip("/") or ".")
    return None if sub.startswith("..") else ("" if sub == "." else sub)


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
    repository's own address, as relative sources (`../../modules/net`); the cheap
    pre-scan of loader.module_sources, for remote addresses."""
    found = (local_source(m.group(1), directory)
             for m in (*_HCL.finditer(text), *_JSON.finditer(text)))
    return [f for f in found if f is not None]


def local_source(source: str, directory: Path) -> str | None:
    """The relative source, from `directory` (absolute), of a call of this repository's
    own module by its address, else None."""
    repo = _repository(directory.as_posix())
    if repo is None:
        return None
    bound, ids = repo
    sub = own_call(source, ids)
    if sub is None:
        return None
    rel = Path(os.path.relpath(Path(bound) / sub, directory)).as_posix()
    return rel if rel.startswith("../") else "./" + rel.removeprefix("./")
