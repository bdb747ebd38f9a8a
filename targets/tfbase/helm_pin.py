"""The helm provider pinned to 2.x where the configuration is written in helm 2's blocks."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx

# hashicorp/helm 3.0 (2025) turned these blocks into attributes (`set = [{...}]`,
# `kubernetes = {...}`): written as blocks, they are an error under any 3.x release.
HELM2 = {"source": "hashicorp/helm", "version": "~> 2.17"}
_BLOCKS = {("provider", "helm"): ("kubernetes", "registry", "experiments"),
           ("resource", "helm_release"): ("set", "set_sensitive", "set_list", "postrender")}
# A constraint that already keeps helm below 3 (`~> 2.9`, `< 3.0`, `2.17.0`, `= 2.5`).
_BELOW_3 = re.compile(r"~>\s*[0-2]\.|<\s*3(\.0)*\s*($|,)|<=?\s*[0-2]\.|^\s*=?\s*[0-2]\.")


def pin(ctx: Ctx) -> None:
    """Require helm ~> 2.17 when an emitted block uses helm 2's block syntax and nothing
    keeps helm below 3: with no version (or an open one, `>= 1.0`), `terraform init`
    installs the newest helm, which refuses those blocks. A source's own requirement gets
    the version; else every terraform block gets the requirement. The translation's own helm
    blocks (EKS's controllers) are written for helm 3 and require it: nothing is done then."""
    if "helm" in ctx.extra_providers:
        return
    first = next((b for _, blocks in sorted(ctx.files.items()) for b in blocks
                  if _helm2(b)), None)
    if first is None:
        return
    entries = _requirements(ctx)
    if any(_below_3(v) for v in entries):
        return
    if entries:
        for attr in entries:
            items = [(k, v) for k, v in (attr.value.items if isinstance(attr.value, E.Object)
                                         else ()) if E.key_name(k) != "version"]
            attr.value = E.Object((*items, (E.Var("version"), E.Literal(HELM2["version"]))))
        had = "an open helm version"
    else:
        ctx.extra_providers["helm"] = HELM2
        had = "no helm version"
    ctx.sink.add("IT301", first.span, f"{first.type} {'.'.join(first.labels)} is written in "
                 "helm 2's block syntax (set {...}, kubernetes {...}), which helm 3 refuses: "
                 f"the output requires hashicorp/helm {HELM2['version']} where the source "
                 f"requires {had}", "to move to helm 3, write the blocks as attributes "
                 "(set = [{ name = ..., value = ... }], kubernetes = { ... }) and raise the "
                 "version")


def _helm2(b: TfBlock) -> bool:
    names = _BLOCKS.get((b.type, b.labels[0] if b.labels else ""), ())
    return any(isinstance(i, TfBlock) and i.type in names for i in b.items)


def _requirements(ctx: Ctx) -> list[TfAttr]:
    """The `helm` entries of the output's required_providers blocks (the source's)."""
    out: list[TfAttr] = []
    for blocks in ctx.files.values():
        for b in blocks:
            rp = b.find("required_providers") if b.type == "terraform" else None
            for item in rp.items if rp is not None else ():
                if isinstance(item, TfAttr) and item.name == "helm":
                    out.append(item)
    return out


def _below_3(attr: TfAttr) -> bool:
    version = E.obj_get(attr.value, "version") if isinstance(attr.value, E.Object) else None
    text = E.str_value(version)
    return text is not None and bool(_BELOW_3.search(text))
