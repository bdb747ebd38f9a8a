"""Calls of remote modules: a downloaded copy is called locally; an OVH module kept is an error."""

from __future__ import annotations

from iac_translate.compiler.frontends import downloaded
from iac_translate.compiler.frontends.downloaded import ovh_module
from iac_translate.compiler.frontends.own_remote import pinned_ref
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx


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
    if not downloaded.is_downloaded(node.local_path + "/"):
        # This repository's own module, by its Git or registry address.
        pin = pinned_ref(src) or version or ""
        ctx.sink.add("IT213", node.arg_span("source"), f"module `{node.name}` (`{src}`) is "
                     f"this repository's `{node.local_path or '.'}` (by its Git remote or "
                     "registry address): it is translated from the checkout and called as the "
                     f"local module `{local}`"
                     + (f"; the version `{pin}` it pinned is not followed" if pin else ""),
                     "check out that version before translating to translate it" if pin
                     else "")
    else:
        ctx.sink.add("IT211", node.arg_span("source"), f"module `{node.name}` (`{src}`"
                     + (f" {version}" if version else "") + ") is translated from the copy "
                     f"`terraform init` downloaded (`{node.local_path}`) and called as the "
                     f"local module `{local}`", "run `terraform init` again after changing its "
                     "version, then translate again")
    # A local call takes no version (Terraform rejects one).
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

