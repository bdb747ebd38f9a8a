"""Remote modules `terraform init` downloaded (`.terraform/modules`): read and translated too."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import Sink
from ..span import Span

if TYPE_CHECKING:
    from ..ir import nodes as N

# Terraform records every module call of a root it installed, by key (`cluster`,
# `cluster.net` for a call inside it), in this file of the root's working directory.
MANIFEST = ".terraform/modules/modules.json"
_DOWNLOADS = ".terraform/modules/"
# Where a downloaded module's translation is written, in place of `.terraform/modules/`:
# Terraform's working directory is no place for configuration (init replaces it, and it is
# ignored by version control).
OUTPUT_DIR = "remote_modules/"


@dataclass(frozen=True)
class Installed:
    """One downloaded call: the source and version it was installed from, and where."""

    source: str
    version: str
    dir: str  # relative to the input root, POSIX


def read_manifest(root_dir: str, text: str, sink: Sink) -> dict[str, Installed]:
    """The downloaded (non-local) calls of the root `root_dir` by key, from the text of its
    manifest; a manifest that is not Terraform's is reported (IT017) and ignored."""
    where = posixpath.join(root_dir, MANIFEST)
    try:
        records = json.loads(text).get("Modules")
        if not isinstance(records, list):
            raise ValueError
    except (ValueError, AttributeError, RecursionError):
        sink.add("IT017", Span(where, 1, 1), f"`{where}` is not the module manifest "
                 "`terraform init` writes; the modules it lists are not read",
                 "run `terraform init` (or `terraform get`) again")
        return {}
    out: dict[str, Installed] = {}
    for r in records:
        if not isinstance(r, dict):
            continue
        key, source, d = r.get("Key"), r.get("Source"), r.get("Dir")
        if not (isinstance(key, str) and key and isinstance(source, str)
                and isinstance(d, str)):
            continue
        d = posixpath.normpath(d.replace("\\", "/"))
        if not d.startswith(_DOWNLOADS) or source.startswith(("./", "../")):
            continue  # a local module (read as the source names it)
        version = r.get("Version")
        out[key] = Installed(source, version if isinstance(version, str) else "",
                             posixpath.normpath(posixpath.join(root_dir, d)))
    return out


def output_path(path: str) -> str:
    """Where the output of input `path` is written: a downloaded module's files move out of
    `.terraform/modules/` into `remote_modules/` of the same root."""
    i = path.find(_DOWNLOADS)
    if i < 0 or (i > 0 and path[i - 1] != "/"):
        return path
    return path[:i] + OUTPUT_DIR + path[i + len(_DOWNLOADS):]


def call_source(caller_dir: str, callee_dir: str) -> str:
    """The local `source` of a call in `caller_dir` to the module in `callee_dir` (input
    paths), as the two are laid out in the output."""
    rel = posixpath.relpath(output_path(callee_dir + "/").rstrip("/") or ".",
                            output_path(caller_dir + "/").rstrip("/") or ".")
    return rel if rel.startswith("../") else "./" + rel


def resolve_calls(by_dir: dict[str, list[N.Node]], roots: list[str],
                  manifests: dict[str, str], sink: Sink) -> set[str]:
    """Give each remote call that `terraform init` downloaded the directory of its copy as
    `local_path` (in `by_dir`, in place), walking each root's calls by key as Terraform
    names them; returns the downloaded directories no call reaches (a manifest older than
    the configuration), which are not translated. A directory reached by two keys is read
    as the first (sorted) reaches it."""
    from ..ir import expr as E
    from ..ir import nodes as N
    reached: set[str] = set()
    for root in sorted(manifests):
        if root not in roots:
            continue
        installed = read_manifest(root, manifests[root], sink)
        queue, seen = [(root, "")], set()
        while queue:
            d, prefix = queue.pop(0)
            if d in seen:
                continue
            seen.add(d)
            nodes = by_dir.get(d, [])
            for i, n in enumerate(nodes):
                if not isinstance(n, N.ModuleCall):
                    continue
                key = f"{prefix}.{n.name}" if prefix else n.name
                if n.local_path is not None:
                    queue.append((n.local_path, key))
                    continue
                src = E.str_value(n.arg("source"))
                inst = installed.get(key)
                if src is None or inst is None or inst.dir not in by_dir:
                    continue
                written = output_path(inst.dir + "/")[:-1]
                if written in by_dir:  # (the input has that directory: never written over)
                    sink.add("IT004", n.arg_span("source"), f"the copy of module `{n.name}` "
                             f"would be written to `{written}`, a directory of the input; it "
                             "is not read", f"rename the input's `{written}`")
                    continue
                nodes[i] = N.ModuleCall(span=n.span, labels=n.labels, args=n.args,
                                        arg_spans=n.arg_spans, module=n.module,
                                        local_path=inst.dir)
                reached.add(inst.dir)
                queue.append((inst.dir, key))
    # What the reached copies call locally is reached with them.
    todo = sorted(reached)
    while todo:
        for n in by_dir.get(todo.pop(), []):
            if isinstance(n, N.ModuleCall) and n.local_path and n.local_path not in reached:
                reached.add(n.local_path)
                todo.append(n.local_path)
    return {d for d in by_dir if is_downloaded(d) and d not in reached}


def is_downloaded(path: str) -> bool:
    """Whether `path` (a file or directory of the input) is inside a `.terraform/modules`."""
    return output_path(path) != path


# Registry addresses are `[host/]namespace/name/provider[//subdir]`; other sources name a
# repository or archive, whose name says the provider by convention (`terraform-ovh-x`) or
# by its words (`ovhcloud-infrastructure`).
_REGISTRY = re.compile(r"^(?:[\w.-]+\.[a-z]{2,}/)?[\w-]+/[\w-]+/(?P<provider>[\w-]+)$")
_GETTER = re.compile(r"^[a-z0-9]+::")  # git::, hg::, s3::...
_SHORTHAND_HOSTS = ("github.com", "bitbucket.org")
_CONVENTION = re.compile(r"^terraform-([a-z0-9]+)-", re.I)
_OVH_WORD = re.compile(r"(?:^|[-_.])ovh(?:cloud)?(?:[-_.]|$)", re.I)


def ovh_module(source: str) -> bool:
    """Whether a remote module's source names the OVH provider (it creates OVH resources)."""
    address = _GETTER.sub("", source).split("?", 1)[0]
    scheme, sep, rest = address.partition("://")
    path = rest if sep else address
    path = path.split("//", 1)[0].rstrip("/")  # (`//subdir`: a directory in the package)
    m = _REGISTRY.match(path)
    if not sep and not address.startswith("git@") and path.split("/")[0] not in \
            _SHORTHAND_HOSTS and m:
        return m.group("provider") == "ovh"
    parts = path.split("/")
    # (github.com/owner/repo/dir: the host's shorthand reads the rest as a directory)
    repo = parts[2] if parts[0] in _SHORTHAND_HOSTS and len(parts) > 2 else \
        parts[-1].rsplit(":", 1)[-1]
    repo = repo[:-4] if repo.endswith(".git") else repo
    named = _CONVENTION.match(repo)  # (`terraform-aws-ovh-migration` is an AWS module)
    return named.group(1) == "ovh" if named else _OVH_WORD.search(repo) is not None
