"""Each root module's `terraform` block requiring the cloud's provider, and its default one."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from . import providers as TP
from .context import Ctx


def configure_roots(ctx: Ctx, cloud: TP.Cloud, place: Callable[[TfBlock, str], TfBlock],
                    paths: list[str] | None = None) -> None:
    """A root without a `terraform` block gets one requiring `cloud`'s provider; a root
    without a default provider of the cloud gets one, finished by place(block, path)."""
    for path in TP.root_paths(ctx) if paths is None else paths:
        if f"{path}|terraform" not in ctx.scaffolds:
            def make() -> TfBlock:
                t = TfBlock("terraform")
                t.block("required_providers").set(cloud.provider,
                                                  TP.provider_req(cloud.requirement))
                return t
            ctx.scaffolds[f"{path}|terraform"] = ctx.scaffold("terraform", path, make)
        key = f"{path}|provider.{cloud.provider}"
        if key not in ctx.scaffolds and not declares(ctx, path, cloud.provider):
            def provider(path: str = path) -> TfBlock:
                return place(TfBlock("provider", (cloud.provider,)), path)
            ctx.scaffolds[key] = ctx.scaffold("provider", path, provider)


def declares(ctx: Ctx, path: str, name: str) -> bool:
    """The module already configures the default `name` provider (not an aws one aimed at
    OVH Object Storage): a second one without alias fails `terraform init`."""
    return any(isinstance(n, N.Provider) and n.name == name and n.arg("alias") is None
               and not foreign.is_ovh_aws_provider(n, ctx.model)
               for m in ctx.model.modules if m.path == path for n in m.nodes)
