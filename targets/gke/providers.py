"""GKE lowering of the `terraform` block, provider blocks and Kubernetes/Helm provider auth."""

from __future__ import annotations

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


def _required_providers(ctx: Ctx, seq: E.BlockSeq, module: str) -> TfBlock:
    rp = TfBlock("required_providers")
    obj = seq.items[0] if seq.items and isinstance(seq.items[0], E.Object) else E.Object()
    for k, v in obj.items:
        name = E.key_name(k) or ""
        if name == "ovh":
            rp.set("google", _provider_req(GOOGLE))
            if ctx.keep_ovh_provider:
                rp.set("ovh", v)
        else:
            rp.set(name, ctx.rewrite(v, module))
    if rp.get("google") is None:
        rp.set("google", _provider_req(GOOGLE))
    return rp


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
