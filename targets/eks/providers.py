"""EKS lowering of the `terraform` block and provider blocks (first cut; see issue 13)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from .common import AWS


def _req(req: dict[str, str]) -> E.Object:
    return E.Object(tuple((E.Var(k), E.Literal(v)) for k, v in sorted(req.items())))


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    b = TfBlock("terraform")
    for name, value in node.args:
        if name == "required_providers" and isinstance(value, E.BlockSeq):
            rp = b.block("required_providers")
            obj = value.items[0] if value.items and isinstance(value.items[0], E.Object) \
                else E.Object()
            for k, v in obj.items:
                key = E.key_name(k) or ""
                if key in ("ovh", "aws"):
                    if rp.get("aws") is None:
                        rp.set("aws", _req(AWS))
                elif key not in ("harbor", "openstack"):
                    rp.set(key, ctx.rewrite(v, node.module))
            if rp.get("aws") is None:
                rp.set("aws", _req(AWS))
        elif isinstance(value, E.BlockSeq):
            P.emit_blocks(ctx, b, name, value, node.module)
        else:
            b.set(name, ctx.rewrite(value, node.module))
    ctx.scaffolds[f"{node.module}|terraform"] = b
    ctx.emit(node.span, b)


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    if node.name == "ovh":
        b = TfBlock("provider", ("aws",))
        region = ctx.default_region.get(node.module)
        if region is not None:
            b.set("region", region)
        alias = node.arg("alias")
        if alias is not None:
            b.set("alias", alias)
        for k, v in node.args:
            if k != "alias":
                ctx.sink.add("IT302", v.span, f"provider ovh `{k}` is not translated: AWS "
                             "credentials come from the environment (AWS_PROFILE, SSO, roles)")
        ctx.scaffolds[f"{node.module}|provider.aws"] = b
        ctx.emit(node.span, b)
        return
    b = TfBlock("provider", node.labels)
    P.emit_args(ctx, b, node.args, node.module)
    ctx.emit(node.span, b)


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    return node


def finish(ctx: Ctx) -> None:
    called = {n.local_path for m in ctx.model.modules for n in m.nodes
              if isinstance(n, N.ModuleCall) and n.local_path is not None}
    for module in ctx.model.modules:
        if module.path in called:
            continue
        path = module.path
        if f"{path}|terraform" not in ctx.scaffolds:
            def make() -> TfBlock:
                t = TfBlock("terraform")
                t.block("required_providers").set("aws", _req(AWS))
                return t
            ctx.scaffolds[f"{path}|terraform"] = ctx.scaffold("terraform", path, make)
        if f"{path}|provider.aws" not in ctx.scaffolds:
            def provider(path: str = path) -> TfBlock:
                p = TfBlock("provider", ("aws",))
                region = ctx.default_region.get(path)
                if region is not None:
                    p.set("region", region)
                return p
            ctx.scaffolds[f"{path}|provider.aws"] = ctx.scaffold("provider", path, provider)
