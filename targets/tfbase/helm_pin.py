"""The helm provider pinned to 2.x where the configuration is written in helm 2's blocks."""

from __future__ import annotations

from ..hclwrite import TfBlock
from .context import Ctx

# hashicorp/helm 3.0 (2025) turned these blocks into attributes (`set = [{...}]`,
# `kubernetes = {...}`): written as blocks, they are an error under any 3.x release.
HELM2 = {"source": "hashicorp/helm", "version": "~> 2.17"}
_BLOCKS = {("provider", "helm"): ("kubernetes", "registry", "experiments"),
           ("resource", "helm_release"): ("set", "set_sensitive", "set_list", "postrender")}


def pin(ctx: Ctx) -> None:
    """Require helm ~> 2.17 in the terraform blocks (unless one requires helm already) when an
    emitted block uses helm 2's block syntax: with no version, `terraform init` installs the
    newest helm, which refuses it. The translation's own helm blocks (EKS's controllers) are
    written for helm 3 and require it themselves: then nothing is done here."""
    if "helm" in ctx.extra_providers or _required(ctx):
        return
    first = next((b for _, blocks in sorted(ctx.files.items()) for b in blocks
                  if _helm2(b)), None)
    if first is None:
        return
    ctx.extra_providers["helm"] = HELM2
    ctx.sink.add("IT301", first.span, f"{first.type} {'.'.join(first.labels)} is written in "
                 "helm 2's block syntax (set {...}, kubernetes {...}), which helm 3 refuses: "
                 f"the output requires hashicorp/helm {HELM2['version']} where the source "
                 "requires no helm version", "to move to helm 3, write the blocks as "
                 "attributes (set = [{ name = ..., value = ... }], kubernetes = { ... }) and "
                 "raise the version")


def _helm2(b: TfBlock) -> bool:
    names = _BLOCKS.get((b.type, b.labels[0] if b.labels else ""), ())
    return any(isinstance(i, TfBlock) and i.type in names for i in b.items)


def _required(ctx: Ctx) -> bool:
    """A terraform block of the output requires a helm version already (the source's)."""
    for blocks in ctx.files.values():
        for b in blocks:
            rp = b.find("required_providers") if b.type == "terraform" else None
            if rp is not None and rp.get("helm") is not None:
                return True
    return False
