"""EKS lowering of the `terraform` block, provider blocks, the state backend and kube auth."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfBlock
from ..tfbase import backend_swift
from ..tfbase import provider_family as PF
from ..tfbase import providers as TP
from ..tfbase.context import Ctx
from ..tfbase.provider_region import provider_region
from . import kube_auth
from .common import AWS, region_of

CREDENTIALS = "AWS credentials come from the environment (AWS_PROFILE, SSO, roles)"
CLOUD = TP.Cloud(
    "aws", AWS, CREDENTIALS, "aws_s3_bucket",
    "Amazon ECR is not Harbor, so it is not re-pointed and is removed",
    "manage the registry with aws_ecr_repository and its IAM policies",
    source_requirement_wins=False)
# (aws on OVH Object Storage stays: it becomes the plain aws provider)
_DROPPED = PF.dropped_providers(CLOUD, buckets=False)


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    TP.lower_settings(ctx, node, CLOUD, _backend)


def _backend(ctx: Ctx, b: TfBlock, spec: PL.StateBackend, module: str) -> None:
    """The OVH backend already is S3: the same bucket and key on Amazon S3, the region
    mapped, the OVH endpoint, AWS-check skips and OVH credentials dropped."""
    s3 = b.block("backend", "s3")
    s3.set("bucket", spec.bucket or E.Literal("TODO(IT308): state bucket"))
    s3.set("key", E.Literal(spec.key or "terraform.tfstate"))
    region = region_of(ctx, spec.location.text) if spec.location.text else None
    if region is not None:
        s3.set("region", E.Literal(region))
        # a root whose resources name no region: its provider works where its state lives
        ctx.default_region.setdefault(module, E.Literal(region))
    for name, value in spec.kept:
        s3.set(name, value)
    dropped = ", ".join(f"`{d.name}`" for d in spec.dropped)
    where = f" in {region}" if region else ""
    origin, stays, move = backend_swift.note_words(spec)
    ctx.sink.add("IT301", spec.source.span, f"{origin} {stays} an S3 backend, on Amazon S3: "
                 f"create the bucket{where}, then {move}",
                 (f"dropped (OVH Object Storage only): {dropped}; " if dropped else "")
                 + "credentials come from the AWS environment")
    if spec.location.text and region is None:
        ctx.sink.add("IT304", spec.location.source.span if spec.location.source else
                     spec.source.span, f"OVH region `{spec.location.text}` of the state "
                     "backend is not in the AWS region table; set the bucket's region",
                     "or the AWS_REGION environment variable")


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    # kube providers reading an OVH cluster's certificate: the kube family's token
    PF.lower_provider(ctx, node, CLOUD, lambda ctx, b, node: _no_region(b),
                      kube_auth.token_auth, _ovh_aws)


def _ovh_aws(ctx: Ctx, node: N.Provider) -> None:
    """An aws provider aimed at OVH Object Storage: its buckets become aws_s3_bucket in the
    same configuration, so it becomes the plain aws provider (an alias stays, for the
    resources that name it); without alias it is merged into the one provider ovh became."""
    alias = node.arg("alias")
    if alias is None and _default_ovh(ctx, node.module):
        ctx.sink.add("IT302", node.span, "provider aws pointed at OVH Object Storage is merged "
                     "into the aws provider that replaces provider ovh: its buckets become "
                     "aws_s3_bucket resources there")
        return
    table = PL.fields()["backend.s3"]
    b = TfBlock("provider", ("aws",))
    region_arg = node.arg("region")
    region = provider_region(ctx, node, "aws", "aws")
    if region is not None:
        b.set("region", E.Literal(region))
        # the module's default provider works where its buckets are, when nothing else says
        ctx.default_region.setdefault(node.module, E.Literal(region))
    elif ctx.default_region.get(node.module) is not None:
        b.set("region", ctx.default_region[node.module])
    if region_arg is not None and region is None:
        ctx.sink.add("IT302", region_arg.span or node.span, "provider aws `region` is not "
                     "translated: it names an OVH region the translator cannot map here",
                     "set the AWS region (region =, or AWS_REGION)")
    if alias is not None:
        b.set("alias", alias)
    for k, v in node.args:
        if k in ("alias", "region"):
            continue
        entry = table.get(k)
        reason = entry.get("ovh_only") if entry else None
        if entry is not None and reason is None:
            b.set(k, ctx.rewrite(v, node.module))
        else:
            ctx.sink.add("IT302", v.span, f"provider aws `{k}` is not translated: "
                         f"{reason or 'it is only meaningful for OVH Object Storage'}")
    ctx.sink.add("IT301", node.span, "provider aws pointed at OVH Object Storage becomes the "
                 "plain aws provider" + (f" in {region}" if region else "") + ": its buckets "
                 "become aws_s3_bucket resources", CREDENTIALS)
    if alias is None:
        ctx.scaffolds[f"{node.module}|provider.aws"] = b
    ctx.emit(node.span, b)


def _no_region(b: TfBlock) -> TfBlock:
    """Nothing in the module names a region: say where the provider takes it from."""
    if b.get("region") is None:
        b.note("the OVH source names no region: the provider takes AWS_REGION or the "
               "profile's region")
    return b


def _default_ovh(ctx: Ctx, module: str) -> bool:
    """The module has a default `provider "ovh"` (no alias): the aws provider it becomes."""
    return any(isinstance(n, N.Provider) and n.name == "ovh" and n.arg("alias") is None
               for m in ctx.model.modules if m.path == module for n in m.nodes)


def _keep_aws(ctx: Ctx, node: N.ModuleCall, key: E.Expr, value: E.Expr) -> bool:
    """`aws = aws.x` entries stay: aws providers aimed at OVH became plain aws providers."""
    t = E.traversal(key)
    return (t[0] if t else (E.key_name(key) or "").split(".")[0]) == "aws"


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    """`providers = { ovh = ovh.x }` of a module call becomes `aws = aws.x` (IT330)."""
    return TP.module_providers(ctx, node, CLOUD, _DROPPED, _keep_aws)


def finish(ctx: Ctx) -> None:
    """Every root gets a `terraform` block requiring aws and a default aws provider in the
    region its resources (or its state) moved to; translation-added providers are required."""
    PF.finish_roots(ctx, CLOUD, lambda b, path: _regional(ctx, b, path))
    TP.add_extra_providers(ctx, CLOUD)


def _regional(ctx: Ctx, p: TfBlock, path: str) -> TfBlock:
    region = ctx.default_region.get(path)
    if region is not None:
        p.set("region", region)
    return _no_region(p)
