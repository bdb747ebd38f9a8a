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
from ..tfbase.use import Use, not_translated
from . import common as C
from . import iam

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
    iam.policy(ctx, node, iam.app_id(node), [sets["push"]],
               name=companions.same(node, iam.APP, "name"),
               description=f"push and pull of {node.address}")
    ctx.sink.add("IT301", node.span, f"{node.address}: the Harbor user becomes an IAM "
                 f"application with an API key and {sets['push']} on the project: it pushes "
                 "and pulls in every namespace of the project, not only this registry's; "
                 "docker logs in as `nologin` with the key's secret (the OVH `password`)",
                 "put the namespace in a project of its own to keep the scope")
    u.done()


def lower_registry_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_ip_restriction(ctx, node)
    u = Use(ctx, node, NAMESPACE)
    for k in ("registry_id", "ip_restrictions"):
        u.raw(k)
    what = "the Scaleway console and API" if spec.scope == "management" else "docker pull/push"
    ctx.sink.add("IT338", node.span, f"{node.address} is not translated: Scaleway Container "
                 f"Registry has no IP allow-list ({what} is open to any address holding a "
                 "valid API key)", "the restriction is a security control: keep the namespace "
                 "private, scope the API keys' IAM policies and add a request.ip condition to "
                 "their rules, or reach the registry only from the Private Network")
    u.done()


lower_registry_oidc = not_translated(
    "IT338", "{address} is not translated: Scaleway Container Registry authenticates with IAM "
    "API keys only (federate people's logins with the IdP through Scaleway IAM SAML, "
    "scaleway_iam_saml, and give machines API keys)")

lower_registry_iam = not_translated(
    "IT310", "{address}: Scaleway Container Registry access is always governed by IAM; "
    "nothing to translate")


def lower_harbor(ctx: Ctx, node: N.Resource) -> None:
    instead = iam.table()["harbor_instead"][R.harbor_object(node).value]
    ctx.sink.add("IT305", node.span, f"{node.address} is a Harbor object; Scaleway Container "
                 "Registry is not Harbor, so it would fail at apply and is not kept",
                 f"use {instead}")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (Harbor) was not translated; use {instead}.")
    ctx.emit(node.span, placeholder)


DECLARE: dict[str, Declaring] = reftables.declarings(iam.table()["references"], (
    "Registry", "RegistryUser", "Harbor"))
LOWER: dict[str, Lowering] = {"Registry": lower_registry, "RegistryUser": lower_registry_user,
                              "RegistryIpRestriction": lower_registry_ip,
                              "RegistryOidc": lower_registry_oidc,
                              "RegistryIam": lower_registry_iam, "Harbor": lower_harbor}
