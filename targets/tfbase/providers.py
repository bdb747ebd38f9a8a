"""Provider blocks, `required_providers`, backends and module provider passing for any cloud."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfBlock
from . import backend_swift, readings
from . import passthrough as P
from .context import Ctx

# What a cloud's lowering writes where the neutral parts need its own words or blocks.
OvhBackend = Callable[[Ctx, TfBlock, PL.StateBackend, str], None]
TokenAuth = Callable[[Ctx, N.Provider, PL.KubeAuth], E.Expr]


@dataclass(frozen=True)
class Cloud:
    """A target cloud's provider, as the neutral provider lowering needs to know it."""

    provider: str  # the provider ovh becomes: "google", "aws"
    requirement: dict[str, str]  # its required_providers entry
    credentials: str  # where its credentials come from, for dropped ovh arguments
    bucket_type: str  # what buckets on OVH Object Storage become
    registry_note: str  # why the Harbor provider is not re-pointed
    registry_help: str  # how to manage the registry that replaces Harbor
    # a source requirement for `provider` replaces the translation's (a root written for it)
    source_requirement_wins: bool = True


def needs_ovh(ctx: Ctx, module: str) -> bool:
    """The module still uses the ovh provider: it keeps OVH objects, configures the
    provider (a root), or is handed it by a caller (`providers = { ovh = ... }`)."""
    if module in ctx.keep_ovh_modules:
        return True
    for m in ctx.model.modules:
        for n in m.nodes:
            if m.path == module and isinstance(n, N.Provider) and n.name == "ovh":
                return True
            if isinstance(n, N.ModuleCall) and n.local_path == module and any(
                    k == "providers" and any((t := E.traversal(x)) and t[0] == "ovh"
                                             for x in E.walk(v)) for k, v in n.args):
                return True
    return False


def removed(ctx: Ctx, name: str) -> bool:
    """Providers that do not survive the translation: harbor (reported), openstack of OVH
    Public Cloud, aws when every aws configuration points at OVH Object Storage."""
    if name == "harbor":
        return True
    kinds = {n.KIND for n in ctx.nodes.values() if n.type.startswith(f"{name}_")}
    if name == "openstack":
        return "Opaque" not in kinds
    if name == "aws":
        configs = [n for m in ctx.model.modules for n in m.nodes
                   if isinstance(n, N.Provider) and n.name == "aws"]
        return bool(kinds) and "Opaque" not in kinds and all(
            foreign.is_ovh_aws_provider(p, ctx.model) for p in configs)
    return False


def provider_req(req: dict[str, str]) -> E.Object:
    return E.Object(tuple((E.Var(k), E.Literal(v)) for k, v in sorted(req.items())))


def lower_settings(ctx: Ctx, node: N.TerraformSettings, cloud: Cloud,
                   ovh_backend: OvhBackend) -> None:
    b = TfBlock("terraform")
    for name, value in node.args:
        if name == "required_providers" and isinstance(value, E.BlockSeq):
            b.items.append(required_providers(ctx, value, node.module, cloud))
        elif name == "backend" and isinstance(value, E.BlockSeq):
            _backend(ctx, b, value, node, ovh_backend)
        elif isinstance(value, E.BlockSeq):
            P.emit_blocks(ctx, b, name, value, node.module)
        else:
            b.set(name, ctx.rewrite(value, node.module))
    ctx.scaffolds[f"{node.module}|terraform"] = b
    ctx.emit(node.span, b)


def required_providers(ctx: Ctx, seq: E.BlockSeq, module: str, cloud: Cloud) -> TfBlock:
    rp = TfBlock("required_providers")
    obj = seq.items[0] if seq.items and isinstance(seq.items[0], E.Object) else E.Object()
    for k, v in obj.items:
        name = E.key_name(k) or ""
        if name == "ovh":
            rp.set(cloud.provider, _cloud_req(cloud, v))
            if ctx.keep_ovh_provider and needs_ovh(ctx, module):
                rp.set("ovh", v)
        elif removed(ctx, name):
            continue  # the resources of these providers are translated or reported
        elif name == cloud.provider and not cloud.source_requirement_wins and \
                rp.get(name) is not None:
            continue  # the translation's resources need its version of the provider
        else:
            rp.set(name, ctx.rewrite(v, module))
    if rp.get(cloud.provider) is None:
        rp.set(cloud.provider, provider_req(cloud.requirement))
    return rp


def _cloud_req(cloud: Cloud, ovh: E.Expr) -> E.Object:
    """The cloud's requirement; `configuration_aliases = [ovh.x]` become `[<cloud>.x]` (the
    callers pass `<cloud>.x` since provider ovh `x` became provider <cloud> `x`)."""
    base = provider_req(cloud.requirement)
    aliases = E.obj_get(ovh, "configuration_aliases") if isinstance(ovh, E.Object) else None
    if not isinstance(aliases, E.Tuple):
        return base
    renamed = E.Tuple(tuple(E.build_traversal(cloud.provider, t[1]) if (t := E.traversal(a))
                            and t[0] == "ovh" else a for a in aliases.items))
    return E.Object(base.items + ((E.Var("configuration_aliases"), renamed),))


def add_extra_providers(ctx: Ctx, cloud: Cloud) -> None:
    """Providers the translation introduced (e.g. random) go into every terraform block."""
    from . import helm_pin
    helm_pin.pin(ctx)  # (helm 2 syntax kept as written needs its major version)
    for key, block in ctx.scaffolds.items():
        if not key.endswith("|terraform"):
            continue
        rp = block.find("required_providers")
        if rp is None:
            rp = block.block("required_providers")
            rp.set(cloud.provider, provider_req(cloud.requirement))
        for name, req in sorted(ctx.extra_providers.items()):
            if rp.get(name) is None:
                rp.set(name, provider_req(req))


def _backend(ctx: Ctx, b: TfBlock, seq: E.BlockSeq, node: N.TerraformSettings,
             ovh_backend: OvhBackend) -> None:
    for item in seq.items:
        if not isinstance(item, E.Object):
            continue
        spec = PL.read_backend(ctx, item)
        if spec is None:
            P.emit_blocks(ctx, b, "backend", E.BlockSeq((item,)), node.module)
            if item.labels[:1] == ("s3",) and E.obj_get(item, "bucket") is None:
                # A partial configuration: bucket, endpoint and keys come at `terraform init`
                # (-backend-config), where an OVH Object Storage endpoint stays unseen.
                ctx.sink.add("IT308", item.span, "backend s3 is configured at `terraform "
                             "init` (-backend-config): if those settings name OVH Object "
                             "Storage (an endpoint under cloud.ovh.net, OVH S3 keys), the "
                             "translated configuration keeps its state on OVH",
                             "give init the settings of the target's state storage (what "
                             "this translation writes for a backend s3 aimed at OVH)")
            continue
        if spec.origin == "swift":  # never kept: Terraform 1.3+ refuses it
            backend_swift.lower(ctx, b, spec, node.module, ovh_backend)
            continue
        ovh_backend(ctx, b, spec, node.module)
        for name, value in spec.unknown:
            ctx.sink.add("IT302", value.span or item.span, f"backend s3 `{name}` is not "
                         "translated: it is not an argument this translation knows of the "
                         "OVH Object Storage backend", "set it again if the new backend "
                         "needs it")


def lower_ovh_provider(ctx: Ctx, node: N.Provider, cloud: Cloud,
                       first: tuple[tuple[str, E.Expr], ...] = ()) -> TfBlock:
    """`provider "ovh"` becomes the cloud's provider: `first` (e.g. its project), the module's
    region, the alias; every other argument is reported (IT302)."""
    spec = PL.read_provider(node)
    b = TfBlock("provider", (cloud.provider,))
    for k, v in first:
        b.set(k, v)
    region = ctx.default_region.get(node.module)
    if region is not None:
        b.set("region", region)
    if spec.alias is not None:
        b.set("alias", spec.alias)
    if not ctx.keep_ovh_provider:
        # source order, as written: one IT302 per argument
        for k, v in node.args:
            if k != "alias":
                ctx.sink.add("IT302", v.span, f"provider ovh `{k}` is not translated: "
                             f"{cloud.credentials}")
    ctx.scaffolds[f"{node.module}|provider.{cloud.provider}"] = b
    ctx.emit(node.span, b)
    if ctx.keep_ovh_provider:
        P.emit_plain(ctx, node, "provider", node.labels)
    return b


def lower_other_provider(ctx: Ctx, node: N.Provider, cloud: Cloud,
                         token: TokenAuth) -> None:
    """Any provider but ovh: harbor and OVH's openstack and aws are removed (reported), the
    Kubernetes ones get the cloud's token for an OVH cluster, the rest stays as written."""
    if node.name == "harbor":
        ctx.sink.add("IT305", node.span, "provider harbor manages a Harbor registry (OVH Managed "
                     f"Private Registry); {cloud.registry_note}", cloud.registry_help)
        return
    if node.name == "openstack" and removed(ctx, "openstack"):
        ctx.sink.add("IT302", node.span, "provider openstack (OVH Public Cloud) is removed: its "
                     f"resources are translated to {cloud_name(cloud)} resources")
        return
    if node.name == "aws" and foreign.is_ovh_aws_provider(node, ctx.model):
        ctx.sink.add("IT302", node.span, "provider aws pointed at OVH Object Storage is removed: "
                     f"its buckets become {cloud.bucket_type} resources")
        return
    args = node.args
    auth = PL.read_kube_auth(ctx, ctx.model, node)
    if auth is not None and auth.reads_cluster:
        args = _with_token(node, auth, token(ctx, node, auth))
    b = TfBlock("provider", node.labels)
    P.emit_args(ctx, b, args, node.module)
    ctx.emit(node.span, b)


def cloud_name(cloud: Cloud) -> str:
    return {"google": "Google Cloud", "aws": "AWS", "scaleway": "Scaleway",
            "azurerm": "Azure"}.get(cloud.provider, cloud.provider)


def _with_token(node: N.Provider, auth: PL.KubeAuth,
                token: E.Expr) -> tuple[tuple[str, E.Expr], ...]:
    """The provider's arguments without the OVH client certificate, with `token` instead."""
    def fix(items: tuple[tuple[E.Expr, E.Expr], ...],
            keys: tuple[str, ...]) -> tuple[tuple[E.Expr, E.Expr], ...]:
        if not keys:
            return items
        kept = tuple((k, v) for k, v in items if E.key_name(k) not in keys)
        return kept + ((E.Var("token"), token),)

    new: list[tuple[str, E.Expr]] = []
    for k, v in fix(tuple((E.Var(k), v) for k, v in node.args), auth.top):
        name = E.key_name(k) or ""
        if name == "kubernetes" and isinstance(v, E.Object):
            v = E.Object(fix(v.items, _own(v.items, auth.nested)), span=v.span)
        elif name == "kubernetes" and isinstance(v, E.BlockSeq):
            v = E.BlockSeq(tuple(E.Object(fix(i.items, _own(i.items, auth.nested)), span=i.span)
                                 if isinstance(i, E.Object) else i for i in v.items), span=v.span)
        new.append((name, v))
    return tuple(new)


def _own(items: tuple[tuple[E.Expr, E.Expr], ...], keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in keys if any(E.key_name(i) == k for i, _ in items))


ProviderRename = Callable[[Ctx, N.ModuleCall, E.Expr, E.Expr], bool]


def module_providers(ctx: Ctx, node: N.ModuleCall, cloud: Cloud, dropped: dict[str, str],
                     keep: ProviderRename | None = None) -> N.ModuleCall:
    """`providers = { ovh = ovh.x }` of a module call: provider ovh became the cloud's, so the
    entry becomes `<cloud> = <cloud>.x`; entries of removed providers are dropped (unless
    `keep` says the cloud keeps that configuration)."""
    obj = node.arg("providers")
    if not isinstance(obj, E.Object):
        return node
    items: list[tuple[E.Expr, E.Expr]] = []
    keys: set[str] = set()
    for k, v in obj.items:
        key, val = E.traversal(k), E.traversal(v)
        name = key[0] if key else (E.key_name(k) or "").split(".")[0]
        if name == "ovh" and key and val and not ctx.keep_ovh_provider:
            nk = E.build_traversal(cloud.provider, key[1])
            nv = E.build_traversal(cloud.provider, val[1])
            ctx.sink.add("IT330", k.span or node.span, f"`providers` of module `{node.name}`: "
                         f"`{_hcl(k)} = {_hcl(v)}` becomes `{_hcl(nk)} = {_hcl(nv)}`")
            k, v = nk, nv
        elif name and (keep is None or not keep(ctx, node, k, v)) and (
                removed(ctx, name) or (name == "aws" and val and ovh_aws(ctx, node, v))):
            ctx.sink.add("IT331", k.span or node.span, f"`providers` of module `{node.name}`: "
                         f"`{_hcl(k)} = {_hcl(v)}` is dropped: provider {name} is not part of "
                         "the translation", dropped.get(name, ""))
            continue
        text = _hcl(k)
        if text in keys:
            if keep is not None:  # a cloud that keeps configurations says which one won
                ctx.sink.add("IT331", k.span or node.span, f"`providers` of module "
                             f"`{node.name}`: `{text} = {_hcl(v)}` is dropped: `{text}` is "
                             "already passed (the provider ovh became it)")
            continue
        keys.add(text)
        items.append((k, v))
    args = tuple((a, (E.Object(tuple(items), span=obj.span) if a == "providers" else v))
                 for a, v in node.args if a != "providers" or items)
    return N.ModuleCall(span=node.span, labels=node.labels, args=args, arg_spans=node.arg_spans,
                        module=node.module, local_path=node.local_path)


def ovh_aws(ctx: Ctx, node: N.ModuleCall, value: E.Expr) -> bool:
    """`value` (aws.x) names an aws provider of the calling module aimed at OVH S3."""
    t = E.traversal(value)
    alias = str(t[1][0][1]) if t and t[1] and t[1][0][0] == "attr" else ""
    return any(isinstance(p, N.Provider) and p.name == "aws" and foreign.provider_alias(p) == alias
               and foreign.is_ovh_aws_provider(p, ctx.model)
               for m in ctx.model.modules if m.path == node.module for p in m.nodes)


def root_paths(ctx: Ctx) -> list[str]:
    """Modules no other module calls: each configures its providers."""
    # Once per translation: every regional resource asks (resource_region), and a walk of
    # every node per resource was quadratic.
    def build() -> tuple[str, ...]:
        called = {n.local_path for m in ctx.model.modules for n in m.nodes
                  if isinstance(n, N.ModuleCall) and n.local_path is not None}
        return tuple(m.path for m in ctx.model.modules if m.path not in called)
    return list(readings.index(ctx, "providers.root_paths", build))


def _hcl(e: E.Expr) -> str:
    from iac_translate.compiler.hcl.printer import to_hcl
    return to_hcl(e)
