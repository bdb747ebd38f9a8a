"""A cloud's providers lowering: the steps every cloud takes alike, its own placing passed in."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfBlock
from . import providers as TP
from .context import Ctx
from .provider_region import openstack_region, provider_region
from .region_inherit import inherit_region
from .root_providers import configure_roots

Place = Callable[[Ctx, TfBlock, N.Provider], object]  # finishes the provider ovh became
Note = Callable[..., None]  # the target's note(ctx, key, span, **values)


def dropped_providers(cloud: TP.Cloud, buckets: bool = True) -> dict[str, str]:
    """Why a module call's `providers` entry is dropped, by provider: Harbor's and OVH's
    OpenStack, and (`buckets`: the cloud's bucket replaces them) OVH Object Storage's aws."""
    out = {"harbor": "Harbor objects are reported where they are declared",
           "openstack": "the module's OpenStack resources of OVH are translated"}
    if buckets:
        out["aws"] = (f"buckets on OVH Object Storage become {cloud.bucket_type} resources of "
                      f"provider {cloud.provider}")
    return out


def lower_provider(ctx: Ctx, node: N.Provider, cloud: TP.Cloud, place: Place,
                   token: TP.TokenAuth,
                   ovh_aws: Callable[[Ctx, N.Provider], None] | None = None) -> None:
    """`provider "ovh"` becomes the cloud's, in the module's region, finished by `place`; an
    aws provider aimed at OVH Object Storage is `ovh_aws`'s, else removed with its region
    the module's when nothing else names one; any other as TP.lower_other_provider."""
    if node.name == "ovh":
        inherit_region(ctx, node.module)
        place(ctx, TP.lower_ovh_provider(ctx, node, cloud), node)
        return
    if node.name == "aws" and foreign.is_ovh_aws_provider(node, ctx.model):
        if ovh_aws is not None:
            return ovh_aws(ctx, node)
        # its buckets live in its region: the module's resources go there when nothing
        # else names a region
        region = provider_region(ctx, node, cloud.provider, "aws")
        if region is not None:
            ctx.default_region.setdefault(node.module, E.Literal(region))
    TP.lower_other_provider(ctx, node, cloud, token)


def backend_region(ctx: Ctx, spec: PL.StateBackend, module: str,
                   region_of: Callable[[Ctx, str], str | None], note: Note) -> str | None:
    """The cloud's region of the OVH state backend (None: none named, or not in the table:
    the note backend.region_unknown); a root whose resources name no region works there."""
    region = region_of(ctx, spec.location.text) if spec.location.text else None
    if region is not None:
        ctx.default_region.setdefault(module, E.Literal(region))
    elif spec.location.text:
        note(ctx, "backend.region_unknown", spec.location.source.span
             if spec.location.source else spec.source.span, region=spec.location.text)
    return region


def finish_roots(ctx: Ctx, cloud: TP.Cloud, place: Callable[[TfBlock, str], TfBlock]) -> None:
    """Every root, in turn, inherits its region, takes its OpenStack provider's, and gets a
    `terraform` block requiring the cloud's provider and a default one `place` finishes."""
    for path in TP.root_paths(ctx):
        inherit_region(ctx, path)
        openstack_region(ctx, path, cloud.provider)
        configure_roots(ctx, cloud, place, [path])


def module_block(ctx: Ctx, call: N.ModuleCall) -> TfBlock | None:
    """The `module` block lowered from `call`, in its module's files (None: not emitted)."""
    for path, blocks in ctx.files.items():
        if path.rpartition("/")[0] != call.module:
            continue
        for b in blocks:
            if b.type == "module" and b.labels == call.labels:
                return b
    return None


def pass_down(ctx: Ctx, var: str, fill: Callable[[N.ModuleCall, TfBlock], bool]) -> None:
    """Every call of a local module given the scaffolding variable `var` is `fill`ed (its
    `module` block; True: set, which may give the caller's module `var` in turn, so its own
    calls are filled next); until no call changes (after the module calls are lowered).
    `var` is the name wanted (the scaffold's key): where the callee's source declares a
    variable of that name, its own is another (scaffold_names), which `fill` writes."""
    calls = [n for m in ctx.model.modules for n in m.nodes
             if isinstance(n, N.ModuleCall) and n.local_path is not None]
    done: set[tuple[str, str]] = set()
    changed = True
    while changed:
        changed = False
        for call in calls:
            key = (call.module, call.name)
            if key in done or f"{call.local_path}|variable.{var}" not in ctx.scaffolds:
                continue
            done.add(key)
            block = module_block(ctx, call)
            if block is not None and fill(call, block):
                changed = True


def scaffold_variable(name: str, why: str, description: str) -> TfBlock:
    """A nullable string variable the translation adds (`why`: the scaffolding comment)."""
    v = TfBlock("variable", (name,), comments=[f"scaffolding: {why}"])
    v.set("description", E.Literal(description))
    v.set("type", E.Var("string"))
    v.set("default", E.Literal(None))
    return v
