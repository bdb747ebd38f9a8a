"""GKE lowering of the `terraform` block, provider blocks and Kubernetes/Helm provider auth."""

from __future__ import annotations

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx

GOOGLE = {"source": "hashicorp/google", "version": "~> 6.50"}
_OVH_HOSTS = ("ovh.net", "ovh.us", "cloud.ovh")
_CERT_KEYS = ("client_certificate", "client_key")


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    b = TfBlock("terraform")
    for name, value in node.args:
        if name == "required_providers" and isinstance(value, E.BlockSeq):
            b.items.append(_required_providers(ctx, value, node.module))
        elif name == "backend" and isinstance(value, E.BlockSeq):
            _backend(ctx, b, value, node)
        elif isinstance(value, E.BlockSeq):
            P.emit_blocks(ctx, b, name, value, node.module)
        else:
            b.set(name, ctx.rewrite(value, node.module))
    ctx.scaffolds[f"{node.module}|terraform"] = b
    ctx.emit(node.span, b)


def _needs_ovh(ctx: Ctx, module: str) -> bool:
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


def _required_providers(ctx: Ctx, seq: E.BlockSeq, module: str) -> TfBlock:
    rp = TfBlock("required_providers")
    obj = seq.items[0] if seq.items and isinstance(seq.items[0], E.Object) else E.Object()
    for k, v in obj.items:
        name = E.key_name(k) or ""
        if name == "ovh":
            rp.set("google", _google_req(v))
            if ctx.keep_ovh_provider and _needs_ovh(ctx, module):
                rp.set("ovh", v)
        elif removed(ctx, name):
            continue  # the resources of these providers are translated or reported
        else:
            rp.set(name, ctx.rewrite(v, module))
    if rp.get("google") is None:
        rp.set("google", _provider_req(GOOGLE))
    return rp


def _google_req(ovh: E.Expr) -> E.Object:
    """google's requirement; `configuration_aliases = [ovh.x]` become `[google.x]` (the
    callers pass `google.x` since provider ovh `x` became provider google `x`)."""
    base = _provider_req(GOOGLE)
    aliases = E.obj_get(ovh, "configuration_aliases") if isinstance(ovh, E.Object) else None
    if not isinstance(aliases, E.Tuple):
        return base
    renamed = E.Tuple(tuple(E.build_traversal("google", t[1]) if (t := E.traversal(a)) and
                            t[0] == "ovh" else a for a in aliases.items))
    return E.Object(base.items + ((E.Var("configuration_aliases"), renamed),))


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


def _provider_req(req: dict[str, str]) -> E.Object:
    return E.Object(tuple((E.Var(k), E.Literal(v)) for k, v in sorted(req.items())))


def add_extra_providers(ctx: Ctx) -> None:
    """Providers the translation introduced (e.g. random) go into every terraform block."""
    for key, block in ctx.scaffolds.items():
        if not key.endswith("|terraform"):
            continue
        rp = block.find("required_providers")
        if rp is None:
            rp = block.block("required_providers")
            rp.set("google", _provider_req(GOOGLE))
        for name, req in sorted(ctx.extra_providers.items()):
            if rp.get(name) is None:
                rp.set(name, _provider_req(req))


def _backend(ctx: Ctx, b: TfBlock, seq: E.BlockSeq, node: N.TerraformSettings) -> None:
    for item in seq.items:
        if not isinstance(item, E.Object):
            continue
        kind = item.labels[0] if item.labels else ""
        texts = [E.str_value(sub) or "" for _, v in item.items for sub in E.walk(v)]
        if kind == "s3" and any(h in t for t in texts for h in _OVH_HOSTS):
            gcs = b.block("backend", "gcs")
            bucket = E.obj_get(item, "bucket")
            key = E.str_value(E.obj_get(item, "key"))
            gcs.set("bucket", bucket or E.Literal("TODO(IT308): state bucket"))
            prefix = key[:-len(".tfstate")] if key and key.endswith(".tfstate") else key
            gcs.set("prefix", E.Literal(prefix or "terraform/state"))
            ctx.sink.add("IT301", item.span, "the S3 backend on OVH Object Storage becomes a GCS "
                         "backend; create the bucket, then run `terraform init -migrate-state`",
                         "credentials come from Application Default Credentials")
        else:
            P.emit_blocks(ctx, b, "backend", E.BlockSeq((item,)), node.module)


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    if node.name == "ovh":
        b = TfBlock("provider", ("google",))
        b.set("project", E.ref("var.gcp_project_id"))
        region = ctx.default_region.get(node.module)
        if region is not None:
            b.set("region", region)
        alias = node.arg("alias")
        if alias is not None:
            b.set("alias", alias)
        for k, v in node.args:
            if k not in ("alias",) and not ctx.keep_ovh_provider:
                ctx.sink.add("IT302", v.span, f"provider ovh `{k}` is not translated: Google "
                             "credentials come from Application Default Credentials")
        ctx.scaffolds[f"{node.module}|provider.google"] = b
        ctx.emit(node.span, b)
        if ctx.keep_ovh_provider:
            P.emit_plain(ctx, node, "provider", node.labels)
        return
    if node.name == "harbor":
        ctx.sink.add("IT305", node.span, "provider harbor manages a Harbor registry (OVH Managed "
                     "Private Registry); Artifact Registry is not Harbor, so it is not "
                     "re-pointed and is removed", "manage the registry with "
                     "google_artifact_registry_repository and its IAM resources")
        return
    if node.name == "openstack" and removed(ctx, "openstack"):
        ctx.sink.add("IT302", node.span, "provider openstack (OVH Public Cloud) is removed: its "
                     "resources are translated to Google Cloud resources")
        return
    if node.name == "aws" and foreign.is_ovh_aws_provider(node, ctx.model):
        ctx.sink.add("IT302", node.span, "provider aws pointed at OVH Object Storage is removed: "
                     "its buckets become google_storage_bucket resources")
        return
    args = node.args
    if node.name in ("kubernetes", "helm", "kubectl"):
        args = _token_auth(ctx, node, args)
    b = TfBlock("provider", node.labels)
    P.emit_args(ctx, b, args, node.module)
    ctx.emit(node.span, b)


def _token_auth(ctx: Ctx, node: N.Provider,
                args: tuple[tuple[str, E.Expr], ...]) -> tuple[tuple[str, E.Expr], ...]:
    """Client certificates of OVH kubeconfigs become a Google access token."""
    def fix(items: tuple[tuple[E.Expr, E.Expr], ...]) -> tuple[tuple[E.Expr, E.Expr], ...]:
        out = []
        replaced = False
        for k, v in items:
            name = E.key_name(k)
            if name in _CERT_KEYS and _is_cluster_ref(ctx, v, node.module):
                replaced = True
                continue
            out.append((k, v))
        if replaced:
            out.append((E.Var("token"), E.ref("data.google_client_config.default.access_token")))
            ctx.scaffold("client_config", node.module, _client_config)
            ctx.sink.add("IT301", node.span, f"provider {node.name}: OVH client certificates "
                         "become a Google OAuth access token (data.google_client_config)")
        return tuple(out)

    new: list[tuple[str, E.Expr]] = []
    as_obj = fix(tuple((E.Var(k), v) for k, v in args))
    for k, v in as_obj:
        name = E.key_name(k) or ""
        if name == "kubernetes" and isinstance(v, E.Object):
            v = E.Object(fix(v.items), span=v.span)
        elif name == "kubernetes" and isinstance(v, E.BlockSeq):
            v = E.BlockSeq(tuple(E.Object(fix(i.items), span=i.span) if isinstance(i, E.Object)
                                 else i for i in v.items), span=v.span)
        new.append((name, v))
    return tuple(new)


def _is_cluster_ref(ctx: Ctx, v: E.Expr, module: str, depth: int = 0) -> bool:
    """Does `v` read an OVH cluster's credentials, directly or through a local value?"""
    res = ctx.resolve(v, module)
    if res is not None:
        return res.KIND == "Cluster"
    if depth > 5:
        return False
    for sub in E.walk(v):
        t = E.traversal(sub)
        if t and t[0] == "local" and t[1] and t[1][0][0] == "attr":
            for m in ctx.model.modules:
                for n in m.nodes if m.path == module else ():
                    if isinstance(n, N.Locals):
                        value = n.arg(str(t[1][0][1]))
                        if value is not None and _is_cluster_ref(ctx, value, module, depth + 1):
                            return True
    return False


def _client_config() -> TfBlock:
    return TfBlock("data", ("google_client_config", "default"),
                   comments=["scaffolding: OAuth token of the caller, for the Kubernetes and "
                             "Helm providers"])


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    """`providers = { ovh = ovh.x }` of a module call: provider ovh became provider google, so
    the entry becomes `google = google.x`; entries of removed providers are dropped."""
    obj = node.arg("providers")
    if not isinstance(obj, E.Object):
        return node
    items: list[tuple[E.Expr, E.Expr]] = []
    keys: set[str] = set()
    for k, v in obj.items:
        key, val = E.traversal(k), E.traversal(v)
        name = key[0] if key else (E.key_name(k) or "").split(".")[0]
        if name == "ovh" and key and val and not ctx.keep_ovh_provider:
            nk, nv = E.build_traversal("google", key[1]), E.build_traversal("google", val[1])
            ctx.sink.add("IT330", k.span or node.span, f"`providers` of module `{node.name}`: "
                         f"`{_hcl(k)} = {_hcl(v)}` becomes `{_hcl(nk)} = {_hcl(nv)}`")
            k, v = nk, nv
        elif name and (removed(ctx, name) or (name == "aws" and val and _ovh_aws(ctx, node, v))):
            ctx.sink.add("IT331", k.span or node.span, f"`providers` of module `{node.name}`: "
                         f"`{_hcl(k)} = {_hcl(v)}` is dropped: provider {name} is not part of "
                         "the translation", _DROPPED.get(name, ""))
            continue
        text = _hcl(k)
        if text in keys:
            continue
        keys.add(text)
        items.append((k, v))
    args = tuple((a, (E.Object(tuple(items), span=obj.span) if a == "providers" else v))
                 for a, v in node.args if a != "providers" or items)
    return N.ModuleCall(span=node.span, labels=node.labels, args=args, arg_spans=node.arg_spans,
                        module=node.module, local_path=node.local_path)


_DROPPED = {"harbor": "Harbor objects are reported where they are declared",
            "openstack": "the module's OpenStack resources of OVH are translated",
            "aws": "the module's buckets on OVH Object Storage become google_storage_bucket"}


def _ovh_aws(ctx: Ctx, node: N.ModuleCall, value: E.Expr) -> bool:
    t = E.traversal(value)
    alias = str(t[1][0][1]) if t and t[1] and t[1][0][0] == "attr" else ""
    return any(isinstance(p, N.Provider) and p.name == "aws" and foreign.provider_alias(p) == alias
               and foreign.is_ovh_aws_provider(p, ctx.model)
               for m in ctx.model.modules if m.path == node.module for p in m.nodes)


def _hcl(e: E.Expr) -> str:
    from iac_translate.compiler.hcl.printer import to_hcl
    return to_hcl(e)
