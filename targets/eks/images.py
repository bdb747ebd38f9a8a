"""The AMI an OVH image becomes: the distribution's public SSM parameter or its publisher's."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C

# (os, version) -> the public SSM parameter that holds the distribution's current AMI id.
_SSM = {("ubuntu", "24.04"): "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/"
        "hvm/ebs-gp3/ami-id",
        ("ubuntu", "22.04"): "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/"
        "hvm/ebs-gp2/ami-id",
        ("ubuntu", "20.04"): "/aws/service/canonical/ubuntu/server/20.04/stable/current/amd64/"
        "hvm/ebs-gp2/ami-id",
        ("debian", "12"): "/aws/service/debian/release/12/latest/amd64",
        ("debian", "11"): "/aws/service/debian/release/11/latest/amd64"}
# Distributions without public SSM parameters: their publisher's account and image names.
_OWNED = {("rocky", "9"): ("792107900819", "Rocky-9-EC2-Base-9.*x86_64*"),
          ("almalinux", "9"): ("764336703387", "AlmaLinux OS 9.*x86_64*")}
_FALLBACK = ("debian", "12")


def ami(ctx: Ctx, node: N.Resource, image: M.Image) -> E.Expr:
    key = (image.os, image.version) if image.os and image.version else None
    if key in _SSM and image.name:
        ctx.sink.add("IT306", (image.source or node).span,
                     f"OVH image `{image.name}` mapped to the AMI of SSM parameter {_SSM[key]}")
        return _ssm(ctx, node, key)
    if key in _OWNED and image.name:
        ctx.sink.add("IT306", (image.source or node).span, f"OVH image `{image.name}` mapped to "
                     f"the newest AMI of account {_OWNED[key][0]} named {_OWNED[key][1]}")
        return _owned(ctx, node, key)
    src = to_hcl(image.source) if image.source is not None else "(none)"
    ctx.sink.add("IT308", (image.source or node).span, f"{node.address}: OVH image {src} "
                 "cannot be mapped; the Debian 12 AMI is used, choose the AMI you need")
    return _ssm(ctx, node, _FALLBACK)


def _ssm(ctx: Ctx, node: N.Resource, key: tuple[str, str]) -> E.Expr:
    label = f"{key[0]}_{key[1].replace('.', '_')}"

    def make() -> TfBlock:
        d = TfBlock("data", ("aws_ssm_parameter", label),
                    comments=[f"scaffolding: the current {key[0].title()} {key[1]} AMI "
                              "(amd64), published by the distribution"])
        d.set("name", E.Literal(_SSM[key]))
        return d
    ctx.scaffold(f"ami_{label}", node.module, make)
    return E.ref(f"data.aws_ssm_parameter.{label}.insecure_value")


def _owned(ctx: Ctx, node: N.Resource, key: tuple[str, str]) -> E.Expr:
    label = f"{key[0]}_{key[1].replace('.', '_')}"
    owner, pattern = _OWNED[key]

    def make() -> TfBlock:
        d = TfBlock("data", ("aws_ami", label),
                    comments=[f"scaffolding: the newest {key[0].title()} {key[1]} AMI (x86_64) "
                              "of its publisher"])
        d.set("most_recent", E.Literal(True))
        d.set("owners", C.strings([owner]))
        f = d.block("filter")
        f.set("name", E.Literal("name"))
        f.set("values", C.strings([pattern]))
        return d
    ctx.scaffold(f"ami_{label}", node.module, make)
    return E.ref(f"data.aws_ami.{label}.id")
