"""GKE lowering of registries (Artifact Registry) and object storage (GCS, HMAC keys, IAM)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from ..tfbase.values import literal_str
from . import common as C
from . import s3policy

REPO = "google_artifact_registry_repository"
BUCKET = "google_storage_bucket"
SA = "google_service_account"
HMAC = "google_storage_hmac_key"
# OVH project roles -> GCP project roles (coarse; both are role-based).
_ROLES = {
    "administrator": "roles/editor",
    "objectstore_operator": "roles/storage.objectAdmin",
    "compute_operator": "roles/compute.instanceAdmin.v1",
    "network_operator": "roles/compute.networkAdmin",
    "network_security_operator": "roles/compute.securityAdmin",
    "volume_operator": "roles/compute.storageAdmin",
    "image_operator": "roles/compute.imageUser",
    "infrastructure_supervisor": "roles/viewer",
    "load-balancer_operator": "roles/compute.loadBalancerAdmin",
    "key-manager_operator": "roles/cloudkms.admin",
    "key-manager_read": "roles/cloudkms.viewer",
}


def declare_registry(ctx: Ctx, node: N.Resource) -> RefTarget:
    prefix = "data." if node.mode == "data" else ""
    return RefTarget(f"{prefix}{REPO}.{node.name}", {
        "url": '"${{self}.location}-docker.pkg.dev/${{self}.project}/${{self}.repository_id}"',
        "name": "{self}.repository_id", "region": "{self}.location"})


def lower_registry(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, REPO)
    b = TfBlock("data" if node.mode == "data" else "resource", (REPO, node.name))
    name = u.expr("name")
    b.set("repository_id", name if name is not None and E.str_value(name) is None
          else E.Literal(C.gcp_name(E.str_value(name) or node.name)))
    b.set("location", C.map_region(ctx, node, u.raw("region")))
    if node.mode == "managed":
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
    u = Use(ctx, node, SA)
    repo = ctx.resolve(u.field("registry"), node.module)
    login = literal_str(u.raw("login"), node, ctx) or node.name
    sa = TfBlock("resource", (SA, node.name))
    sa.set("account_id", E.Literal(C.gcp_name(f"reg-{login}", 30)))
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
    u = Use(ctx, node, BUCKET)
    if node.mode == "data":
        b = TfBlock("data", (BUCKET, node.name))
        b.set("name", u.expr("name"))
        P.emit_meta(ctx, b, node, {})
        ctx.emit(node.span, b)
        return u.done()
    b = TfBlock("resource", (BUCKET, node.name))
    b.set("name", u.expr("name"))
    region = C.map_region(ctx, node, u.raw("region_name"))
    if region is not None:
        s = E.str_value(region)
        b.set("location", E.Literal(s.upper()) if s is not None else E.Call("upper", (region,)))
    b.set("uniform_bucket_level_access", E.Literal(True))
    b.set("force_destroy", E.Literal(False))
    tags = u.expr("tags")
    if tags is not None:
        b.set("labels", tags, "GCS label keys and values must be lowercase")
    _versioning(ctx, node, u, b)
    enc = u.raw("encryption")
    algo = E.str_value(E.obj_get(enc, "sse_algorithm")) if enc is not None else None
    if enc is not None and algo not in ("AES256", None):
        ctx.sink.add("IT301", enc.span, f"encryption `{algo}`: GCS encrypts with Google-managed "
                     "keys; set encryption.default_kms_key_name for customer-managed keys")
    _object_lock(ctx, node, u, b)
    u.drop("replication", "use a dual-region or multi-region bucket location, or Storage "
           "Transfer Service, instead of per-rule replication")
    for k in ("owner_id", "hide_objects", "limit", "marker", "prefix"):
        u.drop(k, "not a GCS bucket setting")
    P.place(ctx, node, b)
    u.done()


def _versioning(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    v = u.raw("versioning")
    if v is None:
        return
    status = E.obj_get(v, "status")
    s = E.str_value(status)
    if s is not None:
        enabled: E.Expr = E.Literal(s.lower() == "enabled")
        if s.lower() == "suspended":
            ctx.sink.add("IT301", status.span if status else v.span,
                         "versioning `suspended`: GCS keeps existing versions when disabled")
    else:
        enabled = E.Binary("==", E.Call("lower", (ctx.rewrite(status or E.Literal(""),
                                                              node.module),)),
                           E.Literal("enabled"))
    b.block("versioning").set("enabled", enabled)


def _object_lock(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    lock = u.raw("object_lock")
    if lock is None:
        return
    rule = E.obj_get(lock, "rule")
    period = E.str_value(E.obj_get(rule, "period")) if rule is not None else None
    seconds = _iso_days(period) * 86400 if period and _iso_days(period) else None
    if seconds:
        b.block("retention_policy").set("retention_period", C.num(seconds))
    ctx.sink.add("IT301", lock.span, f"object_lock of {node.address}: a bucket retention "
                 "policy" + (f" of {period}" if seconds else "") + " replaces per-object locks "
                 "(governance/compliance modes do not exist on GCS)")


def _iso_days(period: str) -> int:
    import re
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?", period.upper())
    if not m:
        return 0
    y, mo, d = (int(x) if x else 0 for x in m.groups())
    return y * 365 + mo * 30 + d




# --- users, credentials and policies ----------------------------------------------------------

def declare_user(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(SA, node), {
        "username": "{self}.email", "id": "{self}.email", "description": "{self}.display_name"})


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, SA)
    sa = TfBlock("resource", (SA, node.name))
    sa.set("account_id", E.Literal(C.gcp_name(node.name.replace("_", "-"), 30)))
    desc = u.expr("description")
    sa.set("display_name", desc or E.Literal(node.name))
    P.emit_meta(ctx, sa, node, {})
    ctx.emit(node.span, sa)
    roles: list[E.Expr] = []
    one = u.raw("role_name")
    if one is not None:
        roles.append(one)
    many = u.raw("role_names")
    if isinstance(many, E.Tuple):
        roles.extend(many.items)
    elif many is not None:
        ctx.sink.add("IT309", many.span, f"role_names of {node.address} come from an expression; "
                     "grant GCP roles to the service account by hand")
    has_policy = ctx.by_module.has_policy(node)
    for r in roles:
        name = E.str_value(r)
        if name == "objectstore_operator" and has_policy:
            continue  # the S3 policy narrows access to buckets: bucket IAM is emitted there
        role = _ROLES.get(name or "")
        if role is None:
            ctx.sink.add("IT302", r.span, f"OVH role `{name}` has no GCP project role mapping")
            continue
        m = TfBlock("resource", ("google_project_iam_member",
                                 f"{node.name}_{(name or '').replace('-', '_')}"))
        m.set("project", C.project())
        m.set("role", E.Literal(role))
        m.set("member", C.tpl("serviceAccount:", E.ref(f"{SA}.{node.name}.email")))
        ctx.emit(node.span, m)
        ctx.sink.add("IT306", r.span, f"OVH role `{name}` mapped to `{role}`")
    u.drop("password_reset", "service accounts have no password")
    u.done()


def declare_credential(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(HMAC, node), {
        "access_key_id": "{self}.access_id", "secret_access_key": "{self}.secret"})


def lower_credential(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, HMAC)
    user = ctx.resolve(u.field("user"), node.module)
    b = TfBlock("resource", (HMAC, node.name),
                comments=["S3-compatible (XML API) key; use https://storage.googleapis.com as "
                          "the S3 endpoint"])
    b.set("service_account_email", E.ref(f"{SA}.{user.name}.email") if user else
          E.Literal("TODO(IT206): service account email"))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def declare_policy(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(None, {})


def lower_policy(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "google_storage_bucket_iam_member")
    user = ctx.resolve(u.field("user"), node.module)
    policy = u.raw("policy")
    grants = s3policy.grants(policy, ctx, node)
    if user is None or grants is None:
        ctx.sink.add("IT338", (policy or node).span, f"{node.address} is not translated: its S3 "
                     "policy cannot be read statically",
                     "grant bucket roles to the service account by hand")
        return u.done()
    member = C.tpl("serviceAccount:", E.ref(f"{SA}.{user.name}.email"))
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
