"""AKS lowering of OVH S3 users, keys and policies: managed identities with Blob data roles."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import companions, readings, reftables
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from . import iam, s3buckets

CLIENT = "data.azurerm_client_config.current"
# Azure Blob Storage speaks its own REST API: what an S3 client needs instead (IT338 hints).
GATEWAY = ("Azure Blob Storage has no S3 API: S3 access and secret keys have no Azure "
           "counterpart")
GATEWAY_HINT = ("move the applications to the Azure Blob SDK with the user's managed "
                "identity (workload identity on AKS) or a SAS token; S3 clients that cannot "
                "change need an S3 gateway in front of the account (for example s3proxy "
                "with its azureblob backend, deployed in the cluster)")


def _group_scope(ctx: Ctx, node: N.Resource) -> E.Expr:
    """The ARM id of the translation's resource group: an OVH role is project-wide."""
    ctx.scaffold("azurerm_client_config.current", node.module, lambda: TfBlock(
        "data", ("azurerm_client_config", "current"), comments=[
            "the subscription the provider works in: role assignments are scoped in it"]))
    name, _ = C.resource_group(ctx, node.module, None)
    return E.Template(("/subscriptions/", E.Interp(E.ref(f"{CLIENT}.subscription_id")),
                       "/resourceGroups/", E.Interp(name)))


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_user(ctx, node)
    u = ST.use(ctx, node, ST.USER_READ, iam.IDENTITY)
    # (a counted or for_each user's identities each need their own name in the group)
    name = C.az_name(f"s3-{node.name}", 120)
    iam.identity(ctx, node, C.instance_name(node, name, 120), None)
    principal = companions.same(node, iam.IDENTITY, "principal_id")
    roles = iam.table()["role_definitions"]
    granted: list[str] = []
    governed = _policies_of(ctx, node)
    for grant in spec.roles:
        azure = roles.get(grant.role.value) if grant.role is not None else None
        if grant.role is S.Role.OBJECT_STORAGE and governed:
            # OVH lets an S3 policy define what its user reaches (as EKS writes it):
            # the project-wide role would widen it to every container.
            ctx.sink.add("IT306", grant.source.span or node.span, f"role `{grant.ovh}` of "
                         f"{node.address} is given by the role assignments of its S3 policy "
                         f"({', '.join(p.address for p in governed)}), not on the whole "
                         "resource group")
            continue
        if not azure:
            ctx.sink.add("IT302", grant.source.span or node.span, f"role "
                         f"`{grant.ovh or 'from an expression'}` of {node.address} is not "
                         "translated: no Azure Blob data role keeps its meaning",
                         "grant the identity the Azure built-in role it needs by hand")
            continue
        for role in azure:
            label = f"{node.name}_{C.az_name(role).replace('-', '_')}"
            iam.role(ctx, node, label, _group_scope(ctx, node), role, principal,
                     f"OVH role {grant.ovh} of {node.address}, on the resource group")
            granted.append(role)
    if spec.roles_computed is not None:
        ctx.sink.add("IT309", spec.roles_computed.span or node.span, f"the roles of "
                     f"{node.address} are one expression; write its role assignments by hand")
    if spec.description is not None:
        u.drop("description", "a managed identity has no description (it is named "
               f"`{name}`)")
    u.drop("password_reset", "a managed identity has no password")
    u.drop("openstack_rc", "a managed identity has no OpenStack credentials")
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a user-assigned managed "
                 f"identity `{name}`" + (f" with {', '.join(sorted(set(granted)))} on the "
                                         "resource group" if granted else "")
                 + ": it signs in through Entra ID (workload identity for pods), not with "
                 "keys", "give pods this identity with a federated identity credential "
                 "(azurerm_federated_identity_credential) on the cluster's OIDC issuer")
    u.done()


def _policies_of(ctx: Ctx, user: N.Resource) -> list[N.Resource]:
    """The readable S3 policies of `user`, in model order; the module's policies are read
    once for all its users (per user it was every policy for every user, quadratic)."""
    def build() -> dict[int, list[N.Resource]]:
        found: dict[int, list[N.Resource]] = {}
        for p in ctx.by_module.resources(user.module, "ObjectStoragePolicy"):
            spec = S.read_policy(ctx, p)
            if (owner := ctx.resolve(spec.user, p.module)) is not None and \
                    spec.policy.readable:
                found.setdefault(id(owner), []).append(p)
        return found
    return readings.grouped(ctx, f"aks.policies_of {user.module}", build, user)


lower_credential = not_translated(
    "IT338", "{address} is not translated: " + GATEWAY, iam.IDENTITY, GATEWAY_HINT)


def declare_policy(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(None, {}, fallback=None, bare=None)


def lower_policy(ctx: Ctx, node: N.Resource) -> None:
    """Allowed verbs on declared buckets become Blob data role assignments on their
    containers; what a role cannot say (deny, conditions, key prefixes) is reported."""
    spec = S.read_policy(ctx, node)
    u = Use(ctx, node, iam.ROLE)
    u.field("user")
    u.raw("policy")
    doc = spec.policy
    user = ctx.resolve(spec.user, node.module)
    where = (doc.source or node).span
    if user is None or not doc.readable or ctx.primary.get(ctx.key_of(user)) is None:
        why = doc.problems[0].message if doc.problems else "its user is not declared here"
        ctx.sink.add("IT338", where, f"{node.address} is not translated: {why}",
                     "grant the user's identity Storage Blob Data Reader/Contributor role "
                     "assignments on the containers by hand")
        return u.done()
    principal = _principal(ctx, node, spec.user, user)
    roles = iam.table()["s3_roles"]
    for p in doc.problems:
        ctx.sink.add("IT302", p.span or where, f"{node.address}: {p.message}")
    done: set[tuple[str, str]] = set()
    for g in doc.grants:
        at = g.source.span or where
        if g.effect != "allow" or g.conditions is not None or g.inverted:
            ctx.sink.add("IT302", at, f"a statement of {node.address} is not translated: "
                         "Azure role assignments only allow (no Deny, NotAction or "
                         "conditions of S3)", "write an Azure role assignment condition or "
                         "a deny assignment by hand if it is a security control")
            continue
        if g.principal is not None:
            ctx.sink.add("IT301", at, f"a statement of {node.address} names a Principal: a "
                         "role assignment applies to its identity and names none, so it is "
                         "left out")
        for action in g.unknown_actions:
            ctx.sink.add("IT301", at, f"`{action}` in the S3 policy of {node.address} is not "
                         "an S3 action: it granted nothing and is left out")
        role = _role_of(roles, g.verbs)
        for ref in g.buckets:
            bucket = _declared_bucket(ctx, node, ref)
            if bucket is None:
                what = ref.text or "a bucket"
                ctx.sink.add("IT302", ref.resource.span or at, f"`{what}` of "
                             f"{node.address} is not a bucket declared once in this module: "
                             "no role assignment is written for it")
                continue
            if ref.key not in (None, "*"):
                ctx.sink.add("IT301", ref.resource.span or at, f"the key prefix "
                             f"`{ref.key}` of {node.address} is widened to the whole "
                             f"container: Azure roles apply to containers, not prefixes")
            if role is None or (bucket.name, role) in done:
                continue
            done.add((bucket.name, role))
            label = f"{user.name}_{bucket.name}_{C.az_name(role).replace('-', '_')}"
            # (`id`: the container's ARM id, its storage_account_id being set; azurerm 4.x
            # deprecates resource_manager_id for it and 5.0 removes it)
            iam.role(ctx, node, label, E.ref(f"azurerm_storage_container.{bucket.name}.id"),
                     role, principal,
                     f"S3 policy {node.address} on bucket {bucket.address}")
    ctx.sink.add("IT301", node.span, f"{node.address} becomes Blob data role assignments of "
                 f"the identity of {user.address} on the containers it names (roles are "
                 "coarser than S3 actions: Reader reads and lists, Contributor also writes "
                 "and deletes)")
    u.done()


def _principal(ctx: Ctx, node: N.Resource, expr: E.Expr | None,
               user: N.Resource) -> E.Expr:
    """The principal of the identity of the user instance `expr` reads: the instance key as
    written (`ovh_cloud_project_user.u[count.index].id`, `u[0]`, `u[each.key]`), not the
    user's own (the policy may repeat otherwise, or not at all)."""
    t = E.traversal(expr) if expr is not None else None
    if t is None or len(t[1]) < 2 or t[1][0] != ("attr", user.name):
        return companions.same(user, iam.IDENTITY, "principal_id")
    base = E.ref(f"{iam.IDENTITY}.{user.name}")
    kind, key = t[1][1]
    if kind == "index" and isinstance(key, E.Expr):
        base = E.Index(base, ctx.rewrite(key, node.module))
    return E.GetAttr(base, "principal_id")


def _role_of(roles: dict[str, str], verbs: frozenset[G.Verb]) -> str | None:
    order = ("Storage Blob Data Reader", "Storage Blob Data Contributor",
             "Storage Blob Data Owner")
    wanted = [roles[v.value] for v in verbs if v.value in roles]
    return max(wanted, key=order.index) if wanted else None


def _declared_bucket(ctx: Ctx, node: N.Resource, ref: G.BucketRef) -> N.Resource | None:
    if ref.name is None:
        return None
    target = ctx.resolve(ref.name, node.module)
    if target is None and ref.text is not None:
        target = next((n for n in ctx.by_module.resources(node.module, "Bucket") if
                       n.mode == "managed" and ctx.literal(n.get("name"), n) == ref.text),
                      None)
    if target is None or target.meta.count is not None or target.meta.for_each is not None:
        return None  # (a repeated bucket: a container per instance, not one scope)
    return target if ctx.primary.get(ctx.key_of(target)) else None


lower_s3_other = not_translated(
    "IT338", "{address} is not translated: it manages OVH Object Storage through the AWS "
    "provider's S3 API, which Azure Blob Storage does not speak", "azurerm_storage_container",
    "write it with the azurerm resource that replaces it (an azurerm_storage_blob in the "
    "container of its bucket for an object)")

DECLARE: dict[str, Declaring] = {
    **reftables.declarings(iam.table()["references"], ("ObjectStorageUser",)),
    "ObjectStorageCredential": declare_policy, "ObjectStoragePolicy": declare_policy,
    "S3Bucket": s3buckets.declare_bucket}
LOWER: dict[str, Lowering] = {"ObjectStorageUser": lower_user,
                              "ObjectStorageCredential": lower_credential,
                              "ObjectStoragePolicy": lower_policy,
                              "S3Bucket": s3buckets.lower_bucket,
                              "S3BucketPart": s3buckets.lower_part, "S3Other": lower_s3_other}
