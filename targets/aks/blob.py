"""AKS lowering of OVH buckets: a storage account and a private blob container per bucket."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx, output_name
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import iam, unique_names

ACCOUNT = "azurerm_storage_account"
CONTAINER = "azurerm_storage_container"
IMMUTABILITY = "azurerm_storage_container_immutability_policy"


def declare_bucket(ctx: Ctx, node: N.Resource) -> RefTarget:
    """References to a bucket read its container, and its account for the place and host
    (a data source's own data blocks when the bucket is read)."""
    data = "data." if node.mode == "data" else ""
    account = f"{data}{ACCOUNT}.{node.name}"
    return RefTarget(f"{data}{CONTAINER}.{node.name}", {
        "name": "{self}.name", "region": f"{account}.location",
        "region_name": f"{account}.location", "virtual_host": f"{account}.primary_blob_host"},
        fallback="{self}.name")


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_bucket(ctx, node)
    u = ST.use(ctx, node, ST.BUCKET_READ, CONTAINER)
    name = ST.written_or(ctx, node, spec.name, C.instance_name(node, node.name))
    location = C.map_region(ctx, node, spec.location.source)
    if spec.data:
        return _data_bucket(ctx, node, spec, u, name, location)
    account = pair(ctx, node, spec, name, location)
    for k, v in S.unread(node, spec):
        ctx.sink.add("IT309", v.span, f"`{k}` of {node.address} is one expression; write the "
                     f"{k} of the storage account by hand")
    _encryption(ctx, node, spec)
    _object_lock(ctx, node, spec)
    u.drop("replication", "Azure replicates a whole storage account (account_replication_type "
           "GRS/RA-GRS to the paired region) or copies blobs between accounts with "
           "azurerm_storage_object_replication; choose one")
    for k, _ in spec.listing:
        u.drop(k, S.ovh_only(node, k))
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a storage account "
                 f"({'.'.join(account.labels)}) holding one private blob container: Azure "
                 "buckets are two-level, and versioning, lifecycle and keys belong to the "
                 "account; objects are read at https://<account>.blob.core.windows.net/"
                 "<container>/<blob> with the Blob API, not S3",
                 "storage account names are globally unique (3-24 lowercase letters and "
                 "digits): if the name is taken, change it where the account is named")
    u.done()


def pair(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, name: E.Expr,
         location: E.Expr | None) -> TfBlock:
    """The storage account and the private container (the node's main block) a bucket
    becomes; returns the account."""
    account = _account(ctx, node, spec, name, location)
    c = TfBlock("resource", (CONTAINER, node.name))
    c.set("name", name)
    c.set("storage_account_id", companions.same(node, ACCOUNT, "id"))
    # OVH buckets are private: anonymous reads would need a container access level.
    c.set("container_access_type", E.Literal("private"))
    P.place(ctx, node, c)
    return account


def account_of(ctx: Ctx, bucket: N.Resource) -> TfBlock | None:
    """The storage account `pair` wrote for `bucket` (beside its container)."""
    container = ctx.primary.get(ctx.key_of(bucket))
    # (first the file it was emitted to: scanning every file for each bucket was quadratic)
    here = ctx.files.get(output_name(container.span.file)) if container is not None and \
        container.span is not None else None
    for blocks in ([here] if here is not None else []) + list(ctx.files.values()):
        if any(b is container for b in blocks):
            return next((b for b in blocks if b.type == "resource" and
                         b.labels == (ACCOUNT, bucket.name)), None)
    return None


def _account(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, name: E.Expr,
             location: E.Expr | None) -> TfBlock:
    settings = iam.table()["account"]
    a = TfBlock("resource", (ACCOUNT, node.name),
                comments=[f"the storage account of {node.address} (one per bucket)"])
    # (a computed name: the naming wrapper drops the characters an account name refuses)
    a.set("name", name)
    iam.place_in_group(ctx, node, a, location)
    unique_names.warn(ctx, node, a)  # (a fixed name in a repeated module: IT308)
    for k in ("account_kind", "account_tier"):
        a.set(k, E.Literal(settings[k]))
    geo = spec.location.geo
    regions = ctx.ovh_regions["regions"]
    entry = (regions.get(geo.code) or regions.get(geo.metro)) if geo is not None else None
    if geo is not None and len((entry or {}).get("zones", ())) >= 3:
        zrs = settings["three_az_replication_type"]
        ctx.sink.add("IT306", spec.location.source.span if spec.location.source else
                     node.span, f"{node.address} is in the 3-AZ region {geo.code}: its "
                     f"storage account is {zrs} (copies in three availability zones)")
        a.set("account_replication_type", E.Literal(zrs))
    else:
        a.set("account_replication_type", E.Literal(settings["account_replication_type"]))
    a.set("https_traffic_only_enabled", E.Literal(True))
    a.set("min_tls_version", E.Literal("TLS1_2"))
    a.set("allow_nested_items_to_be_public", E.Literal(False))
    if spec.tags is not None:
        a.set("tags", ctx.rewrite(spec.tags, node.module))
    _versioning(ctx, node, spec, a)
    P.emit_meta(ctx, a, node, {})
    return ctx.emit(node.span, a)


def _versioning(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, a: TfBlock) -> None:
    flag = spec.versioning
    locked = spec.object_lock is not None and spec.object_lock.enabled is not False
    if flag is None or flag.value is S.Versioning.DISABLED:
        return
    if flag.value is S.Versioning.SUSPENDED:
        ctx.sink.add("IT301", flag.source.span or node.span, f"suspended versioning of "
                     f"{node.address} is written as disabled: Azure keeps the versions made "
                     "while it was on, as S3 does")
        return
    value: E.Expr = E.Literal(True) if flag.value is S.Versioning.ENABLED or locked else \
        E.Binary("==", E.Call("lower", (ctx.rewrite(flag.source, node.module),)),
                 E.Literal("enabled"))
    a.block("blob_properties").set("versioning_enabled", value)


def _encryption(ctx: Ctx, node: N.Resource, spec: S.BucketSpec) -> None:
    enc = spec.encryption
    if enc is None:
        return
    at = enc.source.span or node.span
    if enc.algorithm is not None and enc.algorithm.upper() == "AES256":
        ctx.sink.add("IT306", at, f"encryption AES256 of {node.address} is Azure Storage's "
                     "own: every blob is encrypted with AES-256 and Microsoft-managed keys")
        return
    ctx.sink.add("IT301", at, f"encryption `{enc.algorithm or 'from an expression'}` of "
                 f"{node.address} becomes Azure Storage's default encryption with "
                 "Microsoft-managed keys", "for keys of your own, add a customer_managed_key "
                 "block with a Key Vault key and a user-assigned identity to the account")


def _object_lock(ctx: Ctx, node: N.Resource, spec: S.BucketSpec) -> None:
    """OVH's default retention becomes a time-based immutability policy on the container
    (every blob of it is kept that many days after its last change)."""
    lock = spec.object_lock
    if lock is None or lock.enabled is False:
        return
    at = lock.source.span or node.span
    if lock.days is None or lock.mode is None:
        ctx.sink.add("IT302", at, f"the object lock of {node.address} is not translated: "
                     "no literal default retention (mode and an ISO 8601 period such as P30D); "
                     "Azure locks blobs through a container immutability policy",
                     f"add an {IMMUTABILITY} with immutability_period_in_days")
        return
    b = TfBlock("resource", (IMMUTABILITY, node.name))
    # (the container's `id` is its ARM id, as it is made with storage_account_id: azurerm
    # 4.x deprecates its resource_manager_id attribute for `id`, and 5.0 removes it)
    b.set("storage_container_resource_manager_id", companions.same(node, CONTAINER, "id"))
    b.set("immutability_period_in_days", E.Literal(lock.days, str(lock.days)))
    # Unlocked, the policy can still be shortened or removed (like GOVERNANCE mode); locking
    # it cannot be undone, so it stays a human's step even for COMPLIANCE.
    b.set("locked", E.Literal(False))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    compliance = lock.mode is S.LockMode.COMPLIANCE
    ctx.sink.add("IT301" if not compliance else "IT308", at, f"the {lock.mode.value} object "
                 f"lock of {node.address} ({lock.period}) becomes an unlocked time-based "
                 f"immutability policy of {lock.days} days on the container: it applies to "
                 "every blob, and while unlocked an account owner can shorten or delete it"
                 + (" (COMPLIANCE mode forbids that)" if compliance else ""),
                 "lock it (locked = true, irreversible) once the period is right"
                 if compliance else "")


def _data_bucket(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, u: Use, name: E.Expr,
                 location: E.Expr | None) -> None:
    a = TfBlock("data", (ACCOUNT, node.name))
    a.set("name", name)
    iam.place_in_group(ctx, node, a, location, located=False)
    ctx.emit(node.span, a)
    c = TfBlock("data", (CONTAINER, node.name))
    c.set("name", name)
    c.set("storage_account_id", E.ref(f"data.{ACCOUNT}.{node.name}.id"))
    P.place(ctx, node, c)
    ctx.sink.add("IT308", node.span, f"{node.address} reads an existing bucket: its storage "
                 "account is taken to have the bucket's name, in the translation's resource "
                 "group", "set the account and group the objects were copied to")
    for k, _ in spec.listing:
        u.drop(k, S.ovh_only(node, k))
    u.done()
