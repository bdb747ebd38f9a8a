"""OVH resources written with other providers: OpenStack on OVH Public Cloud, AWS S3 on OVH."""

from __future__ import annotations

from dataclasses import fields

from .. import endpoints
from ..ir import expr as E
from ..ir import nodes as N

# openstack_* types with the same meaning as an OVH concept (its lowering is reused).
OPENSTACK: dict[str, type[N.Resource]] = {
    "openstack_networking_network_v2": N.Network,
    "openstack_networking_subnet_v2": N.Subnet,
    "openstack_networking_router_v2": N.Gateway,
    "openstack_networking_router_interface_v2": N.RouterInterface,
    "openstack_networking_secgroup_v2": N.SecurityGroup,
    "openstack_networking_secgroup_rule_v2": N.SecurityRule,
    "openstack_compute_instance_v2": N.Instance,
    "openstack_blockstorage_volume_v3": N.Volume,
    "openstack_blockstorage_volume_v2": N.Volume,
    "openstack_compute_volume_attach_v2": N.VolumeAttachment,
    "openstack_compute_keypair_v2": N.SshKey,
    "openstack_networking_floatingip_v2": N.FloatingIp,
}
S3_PARTS = ("aws_s3_bucket_versioning", "aws_s3_bucket_lifecycle_configuration",
            "aws_s3_bucket_cors_configuration", "aws_s3_bucket_policy", "aws_s3_bucket_acl",
            "aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_server_side_encryption_configuration")


def reclassify(model: N.Model) -> N.Model:
    """Read OpenStack resources of OVH Public Cloud and AWS resources on OVH Object Storage
    endpoints as OVH concepts (OpenStack everywhere unless an openstack provider names another
    cloud's `auth_url`)."""
    openstack_ovh = _openstack_is_ovh(model)
    modules = []
    for m in model.modules:
        nodes: list[N.Node] = []
        for n in m.nodes:
            if isinstance(n, N.Opaque):
                cls = _concept_of(model, n, openstack_ovh)
                if cls is not None:
                    n = _as(cls, n)
            nodes.append(n)
        modules.append(N.Module(m.path, m.files, tuple(nodes)))
    return N.Model(tuple(modules), model.tfvars)


def _concept_of(model: N.Model, n: N.Resource, openstack_ovh: bool) -> type[N.Resource] | None:
    if n.type.startswith("openstack_") and openstack_ovh:
        if n.mode == "data":
            # A private network looked up by name is the VPC of that name; Ext-Net (the
            # public network), images and flavors are lookups of OVH's inventory.
            return N.Network if n.type == "openstack_networking_network_v2" and \
                not _external(n) else N.Lookup
        return OPENSTACK.get(n.type, N.OpenStackOther)
    if n.type.startswith("harbor_"):
        return N.Harbor
    if n.type.startswith("aws_") and n.mode == "managed" and aws_is_ovh(model, n):
        if n.type == "aws_s3_bucket":
            return N.S3Bucket
        return N.S3BucketPart if n.type in S3_PARTS else N.S3Other
    return None


def _external(n: N.Resource) -> bool:
    name = E.str_value(n.arg("name")) or ""
    ext = n.arg("external")
    return name.lower() == "ext-net" or (isinstance(ext, E.Literal) and ext.value is True) \
        or n.arg("name") is None


def _as(cls: type[N.Resource], n: N.Resource) -> N.Resource:
    kw = {f.name: getattr(n, f.name) for f in fields(n)}
    return cls(**kw)


def _openstack_is_ovh(model: N.Model) -> bool:
    """False only when an openstack provider authenticates on a literal non-OVH endpoint."""
    for m in model.modules:
        for n in m.nodes:
            if isinstance(n, N.Provider) and n.name == "openstack":
                url = n.arg("auth_url")
                text = endpoints.text_of(url)
                if text is not None and "x-hole" not in text and not endpoints.is_ovh(text):
                    return False
    return True


def is_ovh_aws_provider(p: N.Provider, model: N.Model | None = None) -> bool:
    """An aws provider whose endpoints (S3 above all) are OVH Object Storage, written as a
    literal, a template, or a variable or local whose value is one; or whose keys are OVH S3
    credentials (ovh_cloud_project_user_s3_credential)."""
    for name, value in p.args:
        if name == "endpoints" and any(_ovh_value(model, p.module, sub, 0)
                                       for sub in E.walk(value)):
            return True
        if name in ("access_key", "secret_key") and any(
                (t := E.traversal(sub)) and t[0].startswith("ovh_cloud_project_user")
                for sub in E.walk(value)):
            return True
    return False


def _ovh_value(model: N.Model | None, module: str, e: E.Expr, depth: int) -> bool:
    text = endpoints.text_of(e)
    if text is not None:
        return endpoints.is_ovh(text)
    t = E.traversal(e)
    if model is None or depth > 4 or not t or t[0] not in ("var", "local") or not t[1]:
        return False
    name = str(t[1][0][1])
    for m in model.modules:
        for n in m.nodes if m.path == module else ():
            value = None
            if t[0] == "var" and isinstance(n, N.Variable) and n.name == name:
                value = n.arg("default")
            elif t[0] == "local" and isinstance(n, N.Locals):
                value = n.arg(name)
            if value is not None and any(_ovh_value(model, module, sub, depth + 1)
                                         for sub in E.walk(value)):
                return True
    return False


def provider_alias(p: N.Provider) -> str:
    return E.str_value(p.arg("alias")) or ""


def aws_is_ovh(model: N.Model, n: N.Resource) -> bool:
    """Does the aws provider configuration this resource uses point at OVH?"""
    p = aws_provider_of(model, n)
    return p is not None and is_ovh_aws_provider(p, model)


def aws_provider_of(model: N.Model, n: N.Resource) -> N.Provider | None:
    """The aws provider block a resource uses, following module calls' `providers` maps."""
    alias = ""
    t = E.traversal(n.meta.provider) if n.meta.provider is not None else None
    if t and t[0] == "aws" and t[1] and t[1][0][0] == "attr":
        alias = str(t[1][0][1])
    return _aws_config(model, n.module, alias, 0)


def _aws_config(model: N.Model, module: str, alias: str, depth: int) -> N.Provider | None:
    if depth > 16:
        return None
    for m in model.modules:
        if m.path != module:
            continue
        for p in m.nodes:
            if isinstance(p, N.Provider) and p.name == "aws" and provider_alias(p) == alias:
                return p
    # Not configured here: passed by the callers (`providers = { aws = aws.ovh }`) or inherited.
    for m in model.modules:
        for c in m.nodes:
            if not isinstance(c, N.ModuleCall) or c.local_path != module:
                continue
            passed = provider_map(c).get("aws" if not alias else f"aws.{alias}")
            found = None
            if passed is not None:
                found = _aws_config(model, m.path, passed, depth + 1)
            elif not alias:
                found = _aws_config(model, m.path, "", depth + 1)
            if found is not None:
                return found
    return None


def provider_map(call: N.ModuleCall) -> dict[str, str]:
    """`providers = { aws = aws.ovh, "aws.x" = aws }` as {"aws": "ovh", "aws.x": ""}."""
    out: dict[str, str] = {}
    obj = call.arg("providers")
    if not isinstance(obj, E.Object):
        return out
    for k, v in obj.items:
        key = E.traversal(k)
        name = E.key_name(k) if key is None else ".".join(
            [key[0]] + [str(a) for kind, a in key[1] if kind == "attr"])
        val = E.traversal(v)
        if name and val and val[0] == name.split(".")[0]:
            out[name] = ".".join(str(a) for kind, a in val[1] if kind == "attr")
    return out
