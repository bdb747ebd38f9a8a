"""The platform read once: the OVH provider, its S3 state backend, kube provider auth."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from . import fields as F
from .geo import Location, geo_of
from .reader import Reader

# OVH S3 endpoints (s3.gra.io.cloud.ovh.net, s3.gra.perf.cloud.ovh.net, *.ovh.us ...)
OVH_HOSTS = ("ovh.net", "ovh.us", "cloud.ovh")
# kubeconfig parts that only an OVH cluster's client certificate gives; a target replaces
# them by its own token
CERT_KEYS = ("client_certificate", "client_key")
KUBE_PROVIDERS = ("kubernetes", "helm", "kubectl")


def fields() -> dict[str, dict[str, dict[str, str]]]:
    """The blocks of compiler/passes/fields_platform.json: provider.ovh, backend.s3,
    provider.kube -> every argument -> {"to": field} or {"ovh_only": why}."""
    return F.blocks("platform")


class Realm(Enum):
    """Which OVHcloud API the provider talks to: says where the account lives."""

    EU = "eu"
    CA = "ca"
    US = "us"
    CUSTOM = "custom"  # a URL or a variable: unknown


_REALMS = {"ovh-eu": Realm.EU, "soyoustart-eu": Realm.EU, "kimsufi-eu": Realm.EU,
           "ovh-ca": Realm.CA, "soyoustart-ca": Realm.CA, "kimsufi-ca": Realm.CA,
           "ovh-us": Realm.US}


@dataclass(frozen=True, slots=True)
class Dropped:
    """A source argument with no meaning outside OVH, and why (from fields_platform.json)."""

    name: str
    source: E.Expr
    reason: str


@dataclass(frozen=True, slots=True)
class OvhProvider:
    """`provider "ovh"`: its alias (kept: callers pass `ovh.x`), the API realm, and every
    other argument as OVH-only (credentials, rate limits) or unknown."""

    module: str
    alias: E.Expr | None
    realm: Realm | None  # None: no endpoint (OVH_ENDPOINT from the environment)
    dropped: tuple[Dropped, ...]
    unknown: tuple[tuple[str, E.Expr], ...]


def read_provider(node: N.Provider) -> OvhProvider:
    table = fields()["provider.ovh"]
    alias = node.arg("alias")
    realm: Realm | None = None
    dropped: list[Dropped] = []
    unknown: list[tuple[str, E.Expr]] = []
    for name, value in node.args:
        if name == "alias":
            continue
        if name == "endpoint":
            text = E.str_value(value)
            realm = _REALMS.get(text, Realm.CUSTOM) if text is not None else Realm.CUSTOM
        entry = table.get(name)
        if entry is None:
            unknown.append((name, value))
        elif "ovh_only" in entry:
            dropped.append(Dropped(name, value, entry["ovh_only"]))
    return OvhProvider(node.module, alias, realm, tuple(dropped), tuple(unknown))


@dataclass(frozen=True, slots=True)
class StateBackend:
    """A `backend "s3"` block aimed at OVH Object Storage (the state already lives in S3: only
    where and how it authenticates change). Backends cannot read variables, so every value
    is as written."""

    source: E.Object
    bucket: E.Expr | None
    key: str | None  # the state object key, e.g. platform/prod/terraform.tfstate
    location: Location  # `region` (an OVH S3 region such as gra)
    kept: tuple[tuple[str, E.Expr], ...]  # meaning the same on any S3 backend (encrypt...)
    dropped: tuple[Dropped, ...]  # endpoints, AWS-check skips, OVH credentials
    unknown: tuple[tuple[str, E.Expr], ...]
    # "swift": a `backend "swift"` (its container is `bucket`, its state_name `key`); its
    # other arguments are in `dropped`/`unknown` too, which only the swift lowering reports
    origin: str = "s3"

    @property
    def key_prefix(self) -> str | None:
        """The key without `.tfstate` (object stores with a prefix, not a key, use it)."""
        k = self.key
        return k[:-len(".tfstate")] if k and k.endswith(".tfstate") else k


def is_ovh_backend(item: E.Object) -> bool:
    """An s3 backend whose endpoint (any value inside it) is an OVH Object Storage host."""
    kind = item.labels[0] if item.labels else ""
    texts = [E.str_value(sub) or "" for _, v in item.items for sub in E.walk(v)]
    return kind == "s3" and any(h in t for t in texts for h in OVH_HOSTS)


# `backend "swift"` (OpenStack Swift, OVH's older Object Storage API; removed from Terraform
# in 1.3, so `terraform init` fails on it) -> its arguments' meaning. Unlisted: unknown.
_SWIFT_TO = ("container", "path", "state_name", "region_name")  # StateBackend fields
_SWIFT_DROPPED = {
    "archive_container": "Swift versioning of old states; turn on object versioning of the "
                         "new bucket to keep them",
    "archive_path": "Swift versioning of old states; turn on object versioning of the new "
                    "bucket to keep them",
    "expire_after": "a Swift object expiry; the new backend's state never expires",
    "lock": "Swift's own lock object; the new backend's locking applies",
}
# OpenStack authentication and TLS of the Swift endpoint: meaningless to another cloud.
_SWIFT_AUTH = ("auth_url", "cloud", "user_name", "user_id", "application_credential_id",
               "application_credential_name", "application_credential_secret", "tenant_id",
               "tenant_name", "password", "token", "user_domain_name", "user_domain_id",
               "project_domain_name", "project_domain_id", "domain_id", "domain_name",
               "default_domain", "insecure", "cacert_file", "cert", "key", "swauth",
               "allow_reauth", "max_retries", "disable_no_cache_header")


def read_backend(r: Reader, item: E.Object) -> StateBackend | None:
    """The OVH S3 backend's meaning, a swift backend's (any: Terraform has none since 1.3),
    or None for any other backend (kept as written)."""
    if item.labels[:1] == ("swift",):
        return _read_swift(r, item)
    if not is_ovh_backend(item):
        return None
    table = fields()["backend.s3"]
    kept: list[tuple[str, E.Expr]] = []
    dropped: list[Dropped] = []
    unknown: list[tuple[str, E.Expr]] = []
    for k, v in item.items:
        name = E.key_name(k) or ""
        entry = table.get(name)
        if entry is None:
            unknown.append((name, v))
        elif "ovh_only" in entry:
            dropped.append(Dropped(name, v, entry["ovh_only"]))
        elif entry.get("to") == "StateBackend.kept":
            kept.append((name, v))
    region = E.obj_get(item, "region")
    text = E.str_value(region)
    location = Location(region, geo_of(text, r.ovh_regions) if text else None, text)
    return StateBackend(item, E.obj_get(item, "bucket"), E.str_value(E.obj_get(item, "key")),
                        location, tuple(kept), tuple(dropped), tuple(unknown))


def _read_swift(r: Reader, item: E.Object) -> StateBackend:
    dropped: list[Dropped] = []
    unknown: list[tuple[str, E.Expr]] = []
    for k, v in item.items:
        name = E.key_name(k) or ""
        if name in _SWIFT_TO:
            continue
        if name in _SWIFT_DROPPED or name in _SWIFT_AUTH:
            dropped.append(Dropped(name, v, _SWIFT_DROPPED.get(
                name, "OpenStack authentication of the OVH Swift endpoint")))
        else:
            unknown.append((name, v))
    region = E.obj_get(item, "region_name")
    text = E.str_value(region)
    location = Location(region, geo_of(text, r.ovh_regions) if text else None, text)
    # (`path` is the older name of `container`)
    bucket = E.obj_get(item, "container") or E.obj_get(item, "path")
    return StateBackend(item, bucket, E.str_value(E.obj_get(item, "state_name")), location,
                        (), tuple(dropped), tuple(unknown), "swift")


@dataclass(frozen=True, slots=True)
class KubeAuth:
    """A kubernetes/helm/kubectl provider: which of its credential keys (top level, or inside
    its `kubernetes` block for helm) read an OVH cluster's client certificate. A target drops
    them and adds its own token; host and CA are rewritten like any cluster reference."""

    provider: str
    top: tuple[str, ...]  # keys read from the cluster at the top level
    nested: tuple[str, ...]  # the same inside `kubernetes { }` / `kubernetes = { }`
    cluster: N.Resource | None  # the first OVH cluster they read

    @property
    def reads_cluster(self) -> bool:
        return bool(self.top or self.nested)


def read_kube_auth(r: Reader, model: N.Model, node: N.Provider) -> KubeAuth | None:
    if node.name not in KUBE_PROVIDERS:
        return None
    found: list[N.Resource] = []

    def certs(items: tuple[tuple[E.Expr, E.Expr], ...]) -> tuple[str, ...]:
        out = []
        for k, v in items:
            name = E.key_name(k) or ""
            cluster = cluster_of(r, model, v, node.module) if name in CERT_KEYS else None
            if cluster is not None:
                out.append(name)
                found.append(cluster)
        return tuple(out)
    top = certs(tuple((E.Var(k), v) for k, v in node.args))
    nested: tuple[str, ...] = ()
    block = node.arg("kubernetes")
    for item in (block.items if isinstance(block, E.BlockSeq) else (block,)):
        if isinstance(item, E.Object):
            nested += certs(item.items)
    return KubeAuth(node.name, top, nested, found[0] if found else None)


def cluster_of(r: Reader, model: N.Model, v: E.Expr, module: str,
               depth: int = 0) -> N.Resource | None:
    """The OVH cluster whose credentials `v` reads, directly or through a local value."""
    res = r.resolve(v, module)
    if res is not None:
        return res if res.KIND == "Cluster" else None
    if depth > 5:
        return None
    for sub in E.walk(v):
        t = E.traversal(sub)
        if t and t[0] == "local" and t[1] and t[1][0][0] == "attr":
            for m in model.modules:
                for n in m.nodes if m.path == module else ():
                    value = n.arg(str(t[1][0][1])) if isinstance(n, N.Locals) else None
                    found = cluster_of(r, model, value, module, depth + 1) \
                        if value is not None else None
                    if found is not None:
                        return found
    return None


def realm_note(p: OvhProvider) -> str:
    """Where the OVH account lives, for a target's comment on its region choice."""
    return {Realm.EU: "OVHcloud Europe", Realm.CA: "OVHcloud Canada",
            Realm.US: "OVHcloud US"}.get(p.realm or Realm.CUSTOM, "")
