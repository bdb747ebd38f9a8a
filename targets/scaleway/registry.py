"""Scaleway lowering of OVH registries: Container Registry namespaces, IAM for registry users."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from ..hclwrite import TfBlock
from ..tfbase import companions, reftables
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.harbor_drop import harbor_lowering
from ..tfbase.use import Use, not_translated
from . import common as C
from . import iam, unique_names

NAMESPACE = "scaleway_registry_namespace"


def lower_registry(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry(ctx, node)
    u = Use(ctx, node, NAMESPACE)
    for k in ("name", "region", "registry_id"):
        u.raw(k)
    b = TfBlock("data" if spec.data else "resource", (NAMESPACE, node.name))
    if spec.name.source is None:
        b.set("name", E.Literal(C.scw_name(node.name)))
        ctx.sink.add("IT308", node.span, f"{node.address} reads a registry by its OVH id; the "
                     f"namespace is taken to be named `{C.scw_name(node.name)}`",
                     "set the name of the namespace the images were copied to")
    elif spec.name.text is not None:
        b.set("name", E.Literal(C.scw_name(spec.name.text)))
    else:
        b.set("name", ctx.rewrite(spec.name.source, node.module))
    b.set("region", C.map_region(ctx, node, spec.location.source))
    if spec.data:
        P.place(ctx, node, b)
        return u.done()
    b.set("description", E.Literal(f"translated from {node.address}"))
    # OVH registries are private: anonymous pulls need a public namespace, which is a choice.
    b.set("is_public", E.Literal(False))
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    u.drop("plan_id", "Scaleway Container Registry is billed by storage and traffic, with no "
           "plan" + (f"; the {spec.plan.value} plan's storage quota does not exist"
                     if spec.plan else ""))
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a private Container Registry "
                 "namespace (images are pushed as rg.<region>.scw.cloud/<namespace>/<image>); "
                 "Kapsule nodes pull from it with an imagePullSecret of an API key, or without "
                 "one when the namespace is public")
    u.done()


def lower_registry_user(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry_user(ctx, node)
    u = Use(ctx, node, iam.APP)
    for k in ("registry_id", "login", "email"):
        u.raw(k)
    login = spec.login.text
    name = iam.app_name(ctx, node, "registry", spec.login.source, login)
    described = f"Harbor user {login or node.name} of {node.address}"
    desc: E.Expr = E.Literal(described)
    email = ctx.literal(spec.email, node) if spec.email is not None else None
    if email is not None:
        desc = E.Literal(f"{described} ({email})")
    elif spec.email is not None:
        desc = E.Template((f"{described} (", E.Interp(ctx.rewrite(spec.email, node.module)),
                           ")"))
    iam.application(ctx, node, name, desc)
    iam.api_key(ctx, node, iam.app_id(node), f"docker login of {node.address}",
                "docker login rg.<region>.scw.cloud -u nologin with this key's secret_key as "
                "the password")
    sets = iam.table()["registry_permission_sets"]
    policy = iam.policy(ctx, node, iam.app_id(node), [sets["push"]],
                        name=companions.same(node, iam.APP, "name"),
                        description=f"push and pull of {node.address}")
    restriction = _restriction_of(ctx, node, spec.registry)
    if restriction is not None:
        rule = policy.find("rule")
        assert rule is not None
        rule.set("condition", _ip_condition(ctx, restriction))
    ctx.sink.add("IT301", node.span, f"{node.address}: the Harbor user becomes an IAM "
                 f"application with an API key and {sets['push']} on the project (the one "
                 "permission set that pushes; it also manages namespaces): it pushes and "
                 "pulls in every namespace of the project, not only this registry's; docker "
                 "logs in as `nologin` with the key's secret (the OVH `password`)",
                 "put the namespace in a project of its own to keep the scope; give "
                 f"pull-only users {sets['pull']}")
    u.done()


def _restriction_of(ctx: Ctx, node: N.Resource, registry: E.Expr | None) -> N.Resource | None:
    """The docker pull/push IP restriction of the registry `registry` names, in this module."""
    target = ctx.resolve(registry, node.module)
    if target is None:
        return None
    found = _by_registry(ctx, node.module, "RegistryIpRestriction")
    return next(iter(found.get(id(target), ())), None)


def _users_of(ctx: Ctx, node: N.Resource, registry: E.Expr | None) -> list[N.Resource]:
    target = ctx.resolve(registry, node.module)
    if target is None:
        return []
    return list(_by_registry(ctx, node.module, "RegistryUser").get(id(target), ()))


def _by_registry(ctx: Ctx, module: str, kind: str) -> dict[int, list[N.Resource]]:
    """The module's users (or registry-scoped IP restrictions) by the registry they name, in
    model order: grouped once, not scanned for each registry and user asking."""
    key = (f"scaleway.registry {module} {kind}", 0)
    hit = ctx.readings.get(key)
    if hit is None or hit[0] != (module, kind):
        found: dict[int, list[N.Resource]] = {}
        for n in ctx.by_module.resources(module, kind):
            if kind == "RegistryIpRestriction":
                spec = R.read_ip_restriction(ctx, n)
                ref = spec.registry if spec.scope == "registry" else None
            else:
                ref = n.get(n.FIELDS.get("registry", "registry_id"))
            if (on := ctx.resolve(ref, n.module)) is not None:
                found.setdefault(id(on), []).append(n)
        hit = ctx.readings[key] = ((module, kind), found)
    return hit[1]


def _ip_condition(ctx: Ctx, node: N.Resource) -> E.Expr:
    """`inIpRange(request.ip, "<cidr>") || ...`: Scaleway IAM's request-level condition."""
    spec = R.read_ip_restriction(ctx, node)
    if spec.rules is None:
        each = E.Template(('inIpRange(request.ip, "', E.Interp(E.GetAttr(E.Var("r"),
                                                                       "ip_block")), '")'))
        return E.Call("join", (E.Literal(" || "), E.ForExpr(None, "r", ctx.rewrite(
            spec.source or E.Tuple(()), node.module), each)))
    parts: list[str | E.Interp] = []
    for r in spec.rules:
        if r.cidr is None:
            continue
        text = ctx.literal(r.cidr, node)
        parts.append(("" if not parts else " || ") + 'inIpRange(request.ip, "')
        parts.append(text if text is not None else E.Interp(ctx.rewrite(r.cidr, node.module)))
        parts.append('")')
    joined = "".join(p for p in parts if isinstance(p, str))
    if all(isinstance(p, str) for p in parts):
        return E.Literal(joined)
    return E.Template(tuple(parts))


def lower_registry_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_ip_restriction(ctx, node)
    u = Use(ctx, node, NAMESPACE)
    for k in ("registry_id", "ip_restrictions"):
        u.raw(k)
    users = _users_of(ctx, node, spec.registry) if spec.scope == "registry" else []
    if users:
        for user in users:
            ctx.merged(node, TfBlock("resource", (iam.POLICY, user.name)))
        ctx.sink.add("IT301", node.span, f"{node.address} becomes a request.ip condition "
                     "(inIpRange) on the IAM policies of the registry's users ("
                     f"{', '.join(n.address for n in users)}): their API keys push and pull "
                     "only from these public addresses; other principals with Container "
                     "Registry permissions are not restricted", "pulls of Kapsule nodes with "
                     "such a key come from the Public Gateway's address: list it")
        return u.done()
    what = "the Scaleway console and API accept" if spec.scope == "management" else \
        "docker pull/push accepts"
    ctx.sink.add("IT338", node.span, f"{node.address} is not translated: Scaleway Container "
                 f"Registry has no IP allow-list ({what} any address holding a valid API key"
                 + (")" if spec.scope == "management" else "; no user of this registry is "
                    "declared here to restrict)"), "the restriction is a security control: "
                 "add a request.ip condition (inIpRange) to the rules of the IAM policies "
                 "that grant Container Registry permissions, or reach the registry only "
                 "through the Public Gateway")
    u.done()


lower_registry_oidc = not_translated(
    "IT338", "{address} is not translated: Scaleway Container Registry authenticates with IAM "
    "API keys only (federate people's logins with the IdP through Scaleway IAM SAML, "
    "scaleway_iam_saml, and give machines API keys)")

lower_registry_iam = not_translated(
    "IT310", "{address}: Scaleway Container Registry access is always governed by IAM; "
    "nothing to translate")


lower_harbor = harbor_lowering(
    "Scaleway Container Registry", lambda obj: str(iam.table()["harbor_instead"][obj.value]))


DECLARE: dict[str, Declaring] = reftables.declarings(iam.table()["references"], (
    "Registry", "RegistryUser", "Harbor"))
LOWER: dict[str, Lowering] = {"Registry": lower_registry, "RegistryUser": lower_registry_user,
                              "RegistryIpRestriction": lower_registry_ip,
                              "RegistryOidc": lower_registry_oidc,
                              "RegistryIam": lower_registry_iam, "Harbor": lower_harbor}
