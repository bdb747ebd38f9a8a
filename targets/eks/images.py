"""The AMI an OVH image becomes: the distribution's public SSM parameter or its publisher's."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M

from ..tfbase import companions
from ..tfbase.context import Ctx
from .placement import companion


def platform() -> dict[str, Any]:
    """eks/platform.json: the EKS target's choices that are data."""
    return dict(companions.table("eks/platform.json"))


def ami(ctx: Ctx, node: N.Resource, image: M.Image) -> E.Expr:
    table = platform()["images"]
    key = f"{image.os} {image.version}" if image.os and image.version else ""
    at = (image.source or node).span
    if key in table["ssm"] and image.name:
        ctx.sink.add("IT306", at, f"OVH image `{image.name}` mapped to the AMI of SSM "
                     f"parameter {table['ssm'][key]}")
    elif key in table["owned"] and image.name:
        owned = table["owned"][key]
        ctx.sink.add("IT306", at, f"OVH image `{image.name}` mapped to the newest AMI of "
                     f"account {owned['owner']} named {owned['pattern']}")
        return _lookup(ctx, node, key, "ami_owned", "data.aws_ami.{}.id", **owned)
    else:
        src = to_hcl(image.source) if image.source is not None else "(none)"
        ctx.sink.add("IT308", at, f"{node.address}: OVH image {src} cannot be mapped; the "
                     "Debian 12 AMI is used, choose the AMI you need")
        key = table["fallback"]
    return _lookup(ctx, node, key, "ami_ssm", "data.aws_ssm_parameter.{}.insecure_value",
                   parameter=table["ssm"][key])


def _lookup(ctx: Ctx, node: N.Resource, key: str, which: str, ref: str, **more: str) -> E.Expr:
    os, version = key.split(" ", 1)
    label = f"{os}_{version.replace('.', '_')}"
    companion(ctx, which, node, image=label, os=os, version=version, **more)
    return E.ref(ref.format(label))
