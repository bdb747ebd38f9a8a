"""AKS lowering of AWS S3 resources aimed at OVH Object Storage: storage accounts, containers."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L
from iac_translate.compiler.passes import storage as S

from ..tfbase import aws_bucket as AB
from ..tfbase.aws_bucket import unbound
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from .blob import ACCOUNT, CONTAINER, account_of, pair
from .lifecycle import write_policy

# What the other aws_s3_bucket_<part> resources need on Azure (IT338 hints).
_INSTEAD = {
    "cors_configuration": "cors_rule blocks in blob_properties of the storage account",
    "policy": "Azure role assignments (Storage Blob Data Reader...) for identities, or "
              "container_access_type = \"blob\" with allow_nested_items_to_be_public = true "
              "on the account for anonymous reads",
    "server_side_encryption_configuration": "nothing for AES256 (Azure Storage always "
                                             "encrypts); a customer_managed_key for KMS keys",
    "acl": "container_access_type of the container",
    "public_access_block": "allow_nested_items_to_be_public = false on the account (written)",
}


def declare_bucket(ctx: Ctx, node: N.Resource) -> RefTarget:
    account = f"{ACCOUNT}.{node.name}"
    return RefTarget(f"{CONTAINER}.{node.name}", {
        "bucket": "{self}.name", "id": "{self}.name", "region": f"{account}.location",
        "bucket_domain_name": f"{account}.primary_blob_host",
        "bucket_regional_domain_name": f"{account}.primary_blob_host"}, fallback="{self}.name")


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    _, spec, u = AB.start(ctx, node, CONTAINER, ("bucket", "tags", "object_lock_enabled"))
    name: E.Expr = ctx.rewrite(spec.name.source, node.module) if spec.name.source is not \
        None else C.instance_name(node, node.name)
    if spec.name.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no `bucket` name; Azure needs "
                     "one, the Terraform label is used")
    pair(ctx, unbound(node), spec, name, _region(ctx, node, spec.location.source))
    u.drop("force_destroy", "Azure deletes a storage account with its blobs")
    u.drop("bucket_prefix", "Azure storage accounts have no generated names; set `bucket`")
    if spec.object_lock is not None:
        ctx.sink.add("IT302", spec.object_lock.source.span or node.span, "object_lock_enabled "
                     f"of {node.address} is not translated: Azure locks blobs with a container "
                     "immutability policy, written with its retention period",
                     "add an azurerm_storage_container_immutability_policy")
    ctx.sink.add("IT301", node.span, f"{node.address} was a bucket of OVH Object Storage (the "
                 "AWS provider on an OVH endpoint); it is a storage account with one private "
                 "blob container, reached with the Blob API (Azure Blob Storage has no S3 "
                 "API)", "copy the objects with rclone (s3 to azureblob) or azcopy")
    u.done()


def _region(ctx: Ctx, node: N.Resource, region: E.Expr | None) -> E.Expr | None:
    """The aws provider's `region` (an OVH region in lower case: gra, sbg...), mapped; else
    the resource group's location."""
    mapped = AB.mapped_region(ctx, node, region)
    if mapped is not None:
        return mapped
    ctx.sink.add("IT309", node.span, f"the region of {node.address} comes from its aws "
                 "provider, which cannot be mapped here: the resource group's location is "
                 "used", "set `location` (e.g. francecentral) if it must be another")
    return None


def lower_part(ctx: Ctx, node: N.Resource) -> None:
    """Versioning and lifecycle rules belong to the bucket's account; the rest is said."""
    bucket = ctx.resolve(node.get("bucket"), node.module)
    block = ctx.primary.get(ctx.key_of(bucket)) if bucket is not None else None
    kind = node.type.removeprefix("aws_s3_bucket_")
    u = Use(ctx, node, CONTAINER)
    u.raw("bucket")
    u.raw("expected_bucket_owner")
    repeated = bucket is not None and (bucket.meta.count is not None or
                                       bucket.meta.for_each is not None)
    if bucket is None or block is None or block.labels[:1] != (CONTAINER,) or \
            kind not in ("versioning", "lifecycle_configuration") or \
            (repeated and kind == "lifecycle_configuration"):
        for k, _ in node.args:
            u.raw(k)
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: "
                     + (f"write {_INSTEAD[kind]}" if kind in _INSTEAD and block is not None
                        else "it configures a bucket of OVH Object Storage through the S3 "
                        "API, which Azure Blob Storage does not speak"),
                     "set it on the storage account and container that replace the bucket")
        return u.done()
    if kind == "versioning":
        _versioning(ctx, node, u, bucket)
    else:
        rules = u.raw("rule")
        items = rules.items if isinstance(rules, E.BlockSeq) else ()
        written = write_policy(ctx, unbound(node), bucket.name, [
            L.read_s3_rule(i) for i in items if isinstance(i, E.Object)])
        if not written:
            ctx.sink.add("IT338", node.span, f"{node.address} is not translated: none of "
                         "its rules can be written on Azure (see the rules' diagnostics)")
    u.done()


def _versioning(ctx: Ctx, node: N.Resource, u: Use, bucket: N.Resource) -> None:
    account = account_of(ctx, bucket)
    flag = S.read_s3_versioning(node)
    u.raw("versioning_configuration")
    u.raw("versioning_configuration.status")
    u.drop("versioning_configuration.mfa_delete", "Azure has no MFA delete")
    if account is None or flag is None or flag.value is S.Versioning.DISABLED:
        return
    ctx.merged(node, account)
    if flag.value is S.Versioning.SUSPENDED:
        ctx.sink.add("IT301", flag.source.span or node.span, f"suspended versioning of "
                     f"{node.address} is written as disabled: Azure keeps the versions made "
                     "while it was on, as S3 does")
        return
    value: E.Expr = E.Literal(True) if flag.value is S.Versioning.ENABLED else E.Binary(
        "==", E.Call("lower", (ctx.rewrite(flag.source, node.module),)), E.Literal("enabled"))
    props = account.find("blob_properties") or account.block("blob_properties")
    props.set("versioning_enabled", value)
