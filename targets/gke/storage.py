"""GKE lowering of registries (Artifact Registry) and object storage (GCS, HMAC keys, IAM)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.keyed import keyed
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from . import s3policy
from .instance_names import warn_repeated

REPO = "google_artifact_registry_repository"
BUCKET = "google_storage_bucket"
SA = "google_service_account"
HMAC = "google_storage_hmac_key"
# Neutral roles (passes/storage) -> GCP project roles (coarse; both are role-based).
_ROLES = {
    S.Role.ADMIN: "roles/editor",
    S.Role.OBJECT_STORAGE: "roles/storage.objectAdmin",
    S.Role.COMPUTE: "roles/compute.instanceAdmin.v1",
    S.Role.NETWORK: "roles/compute.networkAdmin",
    S.Role.NETWORK_SECURITY: "roles/compute.securityAdmin",
    S.Role.VOLUME: "roles/compute.storageAdmin",
    S.Role.IMAGE: "roles/compute.imageUser",
    S.Role.READ_ONLY: "roles/viewer",
    S.Role.LOAD_BALANCER: "roles/compute.loadBalancerAdmin",
    S.Role.KEY_MANAGER: "roles/cloudkms.admin",
    S.Role.KEY_MANAGER_READ: "roles/cloudkms.viewer",
}


def declare_registry(ctx: Ctx, node: N.Resource) -> RefTarget:
    prefix = "data." if node.mode == "data" else ""
    return RefTarget(f"{prefix}{REPO}.{node.name}", {
        "url": '"${{self}.location}-docker.pkg.dev/${{self}.project}/${{self}.repository_id}"',
        "name": "{self}.repository_id", "region": "{self}.location"})


def lower_registry(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry(ctx, node)
    u = Use(ctx, node, REPO)
    u.raw("region")
    b = TfBlock("data" if spec.data else "resource", (REPO, node.name))
    name = spec.name.source
    # A name written as an expression is kept (its value is checked by the naming pass).
    b.set("repository_id", ctx.rewrite(name, node.module) if name is not None and
          E.str_value(name) is None else
          E.Literal(C.gcp_name(E.str_value(name) or node.name)))
    u.raw("name")
    b.set("location", C.map_region(ctx, node, spec.location.source))
    if not spec.data:
        warn_repeated(ctx, node, REPO, b.get("repository_id"), "per project and location",
                      b.get("location"))
        b.set("format", E.Literal("DOCKER"))
        b.set("description", E.Literal(f"translated from {node.address}"))
        u.drop("plan_id", "Artifact Registry is billed by usage, with no plan")
    P.place(ctx, node, b)
    u.done()


def declare_registry_user(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(SA, node), {
        "login": '"_json_key"', "user": '"_json_key"',
        "password": f"base64decode(google_service_account_key.{node.name}.private_key)",
        "email": "{self}.email"}, fallback="{self}.id")


def lower_registry_user(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry_user(ctx, node)
    u = Use(ctx, node, SA)
    u.field("registry")
    u.raw("login")
    repo = ctx.resolve(spec.registry, node.module)
    login = spec.login.text or node.name
    sa = TfBlock("resource", (SA, node.name))
    sa.set("account_id", E.Literal(C.gcp_name(f"reg-{login}", 30)))
    warn_repeated(ctx, node, SA, sa.get("account_id"), "per project")
    sa.set("display_name", E.Literal(f"registry user {login} (from {node.address})"))
    u.raw("email")
    P.emit_meta(ctx, sa, node, {})
    ctx.emit(node.span, sa)
    member = TfBlock("resource", (f"{REPO}_iam_member", node.name))
    if repo is not None:
        member.set("repository", E.ref(f"{REPO}.{repo.name}.name"))
        member.set("location", E.ref(f"{REPO}.{repo.name}.location"))
    else:
        member.set("repository", E.Literal("TODO(IT206): repository"))
    member.set("role", E.Literal("roles/artifactregistry.writer"))
    member.set("member", C.tpl("serviceAccount:", E.ref(f"{SA}.{node.name}.email")))
    P.emit_meta(ctx, member, node, {})
    ctx.emit(node.span, member)
    key = TfBlock("resource", ("google_service_account_key", node.name),
                  comments=["docker login -u _json_key with this key replaces the Harbor "
                            "user's password; prefer Workload Identity inside GKE"])
    key.set("service_account_id", E.ref(f"{SA}.{node.name}.name"))
    P.emit_meta(ctx, key, node, {})
    ctx.emit(node.span, key)
    ctx.sink.add("IT301", node.span, f"{node.address}: Harbor users become a service account "
                 "with registry writer access and a JSON key (login `_json_key`)")
    u.done()


lower_registry_ip = not_translated(
    "IT305", "{address}: Artifact Registry has no per-registry IP allow-list; use a VPC Service "
    "Controls perimeter or keep the registry private",
    hint="the restriction is a security control: do not ship without replacing it")


lower_registry_oidc = not_translated(
    "IT338", "{address} is not translated: Artifact Registry authenticates with Google "
    "identities (use Workforce Identity Federation for an external IdP)")


lower_registry_iam = not_translated(
    "IT310", "{address}: Artifact Registry access is always governed by IAM; nothing to "
    "translate")


# --- buckets --------------------------------------------------------------------------------

def declare_bucket(ctx: Ctx, node: N.Resource) -> RefTarget:
    prefix = "data." if node.mode == "data" else ""
    return RefTarget(f"{prefix}{BUCKET}.{node.name}", {
        "name": "{self}.name", "region_name": "{self}.location",
        "virtual_host": '"${{self}.name}.storage.googleapis.com"'})


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_bucket(ctx, node)
    u = Use(ctx, node, BUCKET)
    for k in ("name", "region_name", "versioning", "encryption", "object_lock", "tags"):
        u.raw(k)
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None else None
    if spec.data:
        b = TfBlock("data", (BUCKET, node.name))
        b.set("name", name)
        P.emit_meta(ctx, b, node, {})
        ctx.emit(node.span, b)
        return u.done()
    b = TfBlock("resource", (BUCKET, node.name))
    b.set("name", name)
    warn_repeated(ctx, node, BUCKET, name, "worldwide")
    region = C.map_region(ctx, node, spec.location.source)
    if region is not None:
        b.set("location", C.bucket_location(region))
    b.set("uniform_bucket_level_access", E.Literal(True))
    b.set("force_destroy", E.Literal(False))
    if spec.tags is not None:
        b.set("labels", ctx.rewrite(spec.tags, node.module),
              "GCS label keys and values must be lowercase")
    _versioning(ctx, node, spec.versioning, b)
    for k, v in S.unread(node, spec):
        ctx.sink.add("IT309", v.span, f"`{k}` of {node.address} is one expression; write the "
                     f"{BUCKET} setting by hand")
    enc = spec.encryption
    if enc is not None and enc.algorithm not in ("AES256", None):
        ctx.sink.add("IT301", enc.source.span, f"encryption `{enc.algorithm}`: GCS encrypts "
                     "with Google-managed keys; set encryption.default_kms_key_name for "
                     "customer-managed keys")
    _object_lock(ctx, node, spec.object_lock, b)
    u.drop("replication", "use a dual-region or multi-region bucket location, or Storage "
           "Transfer Service, instead of per-rule replication")
    for k in ("owner_id", "hide_objects", "limit", "marker", "prefix"):
        u.drop(k, "not a GCS bucket setting")
    P.place(ctx, node, b)
    u.done()


def _versioning(ctx: Ctx, node: N.Resource, flag: S.Flag | None, b: TfBlock) -> None:
    if flag is None:
        return
    if E.str_value(flag.source) is not None:  # a literal status: enabled or not
        enabled: E.Expr = E.Literal(flag.value is S.Versioning.ENABLED)
        if flag.value is S.Versioning.SUSPENDED:
            ctx.sink.add("IT301", flag.source.span,
                         "versioning `suspended`: GCS keeps existing versions when disabled")
    else:
        enabled = E.Binary("==", E.Call("lower", (ctx.rewrite(flag.source, node.module),)),
                           E.Literal("enabled"))
    b.block("versioning").set("enabled", enabled)


def _object_lock(ctx: Ctx, node: N.Resource, lock: S.ObjectLock | None, b: TfBlock) -> None:
    if lock is None:
        return
    seconds = lock.days * 86400 if lock.days else None
    if seconds:
        b.block("retention_policy").set("retention_period", C.num(seconds))
    ctx.sink.add("IT301", lock.source.span, f"object_lock of {node.address}: a bucket retention "
                 "policy" + (f" of {lock.period}" if seconds else "") + " replaces per-object "
                 "locks (governance/compliance modes do not exist on GCS)")


# --- users, credentials and policies ----------------------------------------------------------

def declare_user(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(SA, node), {
        "username": "{self}.email", "id": "{self}.email", "description": "{self}.display_name"})


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_user(ctx, node)
    u = Use(ctx, node, SA)
    for k in ("description", "role_name", "role_names"):
        u.raw(k)
    sa = TfBlock("resource", (SA, node.name))
    sa.set("account_id", _account_id(node))
    warn_repeated(ctx, node, SA, sa.get("account_id"), "per project")
    sa.set("display_name", ctx.rewrite(spec.description, node.module)
           if spec.description is not None else E.Literal(node.name))
    P.emit_meta(ctx, sa, node, {})
    ctx.emit(node.span, sa)
    if spec.roles_computed is not None:
        ctx.sink.add("IT309", spec.roles_computed.span, f"role_names of {node.address} come "
                     "from an expression; grant GCP roles to the service account by hand")
    has_policy = ctx.by_module.has_policy(node)
    for g in spec.roles:
        name = g.ovh
        if g.role is S.Role.OBJECT_STORAGE and has_policy:
            continue  # the S3 policy narrows access to buckets: bucket IAM is emitted there
        role = _ROLES.get(g.role) if g.role is not None else None
        r = g.source
        if role is None:
            ctx.sink.add("IT302", r.span, f"OVH role `{name}` has no GCP project role mapping")
            continue
        m = TfBlock("resource", ("google_project_iam_member",
                                 f"{node.name}_{(name or '').replace('-', '_')}"))
        m.set("project", C.project())
        m.set("role", E.Literal(role))
        m.set("member", C.tpl("serviceAccount:", companions.same(node, SA, "email")))
        P.emit_meta(ctx, m, node, {})
        ctx.emit(node.span, m)
        ctx.sink.add("IT306", r.span, f"OVH role `{name}` mapped to `{role}`")
    u.drop("password_reset", "service accounts have no password")
    u.drop("openstack_rc", S.ovh_only(node, "openstack_rc"))
    u.done()


def _account_id(node: N.Resource) -> E.Expr:
    """The service account id, 6-30 characters unique in the project: a counted or for_each
    user's instances each need their own (`-${count.index}` / `-${each.key}` after the name;
    room is kept for a 3-digit count index; the naming pass normalises an each.key)."""
    if node.meta.count is None and node.meta.for_each is None:
        return E.Literal(C.gcp_name(node.name.replace("_", "-"), 30))
    base = C.gcp_name(node.name.replace("_", "-"), 26)
    # (with "-0" at least 6 characters, as the naming pass pads a short literal)
    return keyed(node, base if len(base) >= 4 else f"{base}-sa")


def _user_email(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr:
    """The email of the service account of the user `expr` names, read through the
    reference as written: `ovh_cloud_project_user.u[count.index].id` keeps its instance key
    (a counted user's bare `google_service_account.u.email` is refused by Terraform)."""
    user = ctx.resolve(expr, node.module)
    if expr is None or user is None or user.KIND != "ObjectStorageUser":
        return E.Literal("TODO(IT206): service account email")
    return ctx.rewrite(expr, node.module)


def declare_credential(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(HMAC, node), {
        "access_key_id": "{self}.access_id", "secret_access_key": "{self}.secret"})


def lower_credential(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_credential(ctx, node)
    u = Use(ctx, node, HMAC)
    u.field("user")
    b = TfBlock("resource", (HMAC, node.name),
                comments=["S3-compatible (XML API) key; use https://storage.googleapis.com as "
                          "the S3 endpoint"])
    b.set("service_account_email", _user_email(ctx, node, spec.user))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def declare_policy(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(None, {})


def lower_policy(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_policy(ctx, node)
    u = Use(ctx, node, "google_storage_bucket_iam_member")
    u.field("user")
    policy = u.raw("policy")
    user = ctx.resolve(spec.user, node.module)
    grants = s3policy.grants(spec.policy, ctx, node)
    if user is None or grants is None:
        ctx.sink.add("IT338", (policy or node).span, f"{node.address} is not translated: its S3 "
                     "policy cannot be read statically",
                     "grant bucket roles to the service account by hand")
        return u.done()
    member = C.tpl("serviceAccount:", _user_email(ctx, node, spec.user))
    for i, (bucket, role) in enumerate(grants):
        m = TfBlock("resource", ("google_storage_bucket_iam_member",
                                 node.name if len(grants) == 1 else f"{node.name}_{i}"))
        m.set("bucket", bucket)
        m.set("role", E.Literal(role))
        m.set("member", member)
        P.emit_meta(ctx, m, node, {})
        ctx.emit(node.span, m)
    ctx.sink.add("IT301", policy.span if policy else node.span, f"{node.address}: S3 policy "
                 "statements become bucket IAM roles (" + ", ".join(sorted({r for _, r in grants}))
                 + "); conditions and object prefixes are not kept")
    u.done()
