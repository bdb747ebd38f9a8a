"""The AMI an OVH image becomes: the distribution's public SSM parameter or its publisher's."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M

from ..tfbase.context import Ctx
from .placement import companion, note, platform


def ami(ctx: Ctx, node: N.Resource, image: M.Image) -> E.Expr:
    table = platform()["images"]
    key = f"{image.os} {image.version}" if image.os and image.version else ""
    at = (image.source or node).span
    if key in table["ssm"] and image.name:
        note(ctx, "image.ssm", at, name=image.name, parameter=table["ssm"][key])
    elif key in table["owned"] and image.name:
        owned = table["owned"][key]
        note(ctx, "image.owned", at, name=image.name, **owned)
        return _lookup(ctx, node, key, "ami_owned", "data.aws_ami.{}.id", **owned)
    else:
        src = to_hcl(image.source) if image.source is not None else "(none)"
        note(ctx, "image.fallback", at, address=node.address, src=src)
        key = table["fallback"]
    return _lookup(ctx, node, key, "ami_ssm", "data.aws_ssm_parameter.{}.insecure_value",
                   parameter=table["ssm"][key])


def _lookup(ctx: Ctx, node: N.Resource, key: str, which: str, ref: str, **more: str) -> E.Expr:
    os, version = key.split(" ", 1)
    label = f"{os}_{version.replace('.', '_')}"
    companion(ctx, which, node, image=label, os=os, version=version, **more)
    return E.ref(ref.format(label))
