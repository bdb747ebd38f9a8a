"""Calls of remote modules: a downloaded copy is called locally; an OVH module kept is an error."""

from __future__ import annotations

import re

from iac_translate.compiler.frontends import downloaded
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx

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


def args(ctx: Ctx, node: N.ModuleCall, given: list[tuple[str, E.Expr]]
         ) -> list[tuple[str, E.Expr]]:
    """The arguments of the emitted call: a downloaded copy (local_path inside
    `.terraform/modules`) is called where its translation is written, with no version;
    a remote call left as written is reported (IT204, IT212 for an OVH module)."""
    src = E.str_value(node.arg("source"))
    if node.local_path is None:
        shown = src or "a computed source"
        if src is not None and ovh_module(src):
            ctx.sink.add("IT212", node.arg_span("source"), f"module `{node.name}` comes from "
                         f"`{src}`, an OVH module that is not read: the output would still "
                         "create OVHcloud resources through it", _HOW)
        else:
            ctx.sink.add("IT204", node.arg_span("source"), f"module `{node.name}` comes from "
                         f"`{shown}`, which is not read", "if it creates OVH resources, " + _HOW)
        return given
    if src is None or src.startswith(("./", "../")):
        return given
    local = downloaded.call_source(node.module, node.local_path)
    version = E.str_value(node.arg("version"))
    ctx.sink.add("IT211", node.arg_span("source"), f"module `{node.name}` (`{src}`"
                 + (f" {version}" if version else "") + ") is translated from the copy "
                 f"`terraform init` downloaded (`{node.local_path}`) and called as the local "
                 f"module `{local}`", "run `terraform init` again after changing its version, "
                 "then translate again")
    return [(k, E.Literal(local, span=v.span) if k == "source" else v)
            for k, v in given if k != "version"]


def todo(node: N.ModuleCall) -> str:
    """The comment on a remote call kept as written."""
    src = E.str_value(node.arg("source"))
    if src is not None and ovh_module(src):
        return ("TODO(IT212): an OVH module, not read by iac-translate: it still creates "
                "OVHcloud resources; run `terraform init` here and translate again")
    return ("TODO(IT204): this module's source is not read by iac-translate; if it creates "
            "OVH resources, run `terraform init` here and translate again")


_HOW = ("run `terraform init` (or `terraform get`) in its root first: iac-translate reads the "
        "copies in `.terraform/modules`; or call it by its relative path if it is in this "
        "repository, or copy it in as a local module")
