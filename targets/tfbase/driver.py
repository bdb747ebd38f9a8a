"""The Terraform-target driver: declare references, lower resources, emit everything else."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import downloaded
from iac_translate.compiler.generated import header
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.ir import walks as W

from ..hclwrite import TfBlock, render_blocks
from ..mapping import Tables, data_table
from . import (
    accounted,
    endpoint,
    naming,
    remote_calls,
    render_split,
    required_args,
    secretpass,
    selfcheck,
    tfvars_check,
    todo_inputs,
)
from . import passthrough as P
from .context import Ctx, Hardening, output_name
from .refs import RefTarget, Renames, rename_resources
from .values import map_leaves

Lowering = Callable[[Ctx, Any], None]
MAX_RENAME_ROUNDS = 4  # translations retried under new names before a collision is an error
Declaring = Callable[[Ctx, Any], RefTarget]


class TerraformTarget:
    """Subclasses fill the tables; the driver is the same for every Terraform target."""

    NAME = ""
    DECLARE: dict[str, Declaring] = {}
    LOWER: dict[str, Lowering] = {}
    # Concept kinds, lowered in this order (others after): what others read is declared first.
    # aws_s3_bucket (S3Bucket) right after the OVH buckets: an OVH user's S3 policy naming one
    # writes into what that bucket became (a bucket policy, role assignments on a container).
    ORDER: tuple[str, ...] = (
        "Network", "Subnet", "Gateway", "Cluster", "NodePool", "Oidc", "ApiIpRestriction",
        "ClusterLogSubscription", "Registry", "RegistryUser", "RegistryIpRestriction",
        "RegistryOidc", "RegistryIam", "Bucket", "S3Bucket", "BucketLifecycle",
        "ObjectStorageUser", "ObjectStorageCredential", "ObjectStoragePolicy", "Database",
        "DatabaseIpRestriction", "DatabaseDb", "DatabaseUser", "DatabaseTopic",
        "DatabaseAcl", "DatabaseExtra", "Instance", "Volume", "FileShare",
        "FileShareNetwork", "Backup",
        "LogSubscription", "FloatingIp", "LoadBalancer",
        "SshKey", "RouterInterface", "SecurityGroup", "SecurityRule", "VolumeAttachment",
        "OpenStackOther", "S3BucketPart", "S3Other", "Harbor", "Lookup",
        "OvhOther", "Opaque")
    S3_ENDPOINT: str | None = None  # replaces hard-coded OVH S3 endpoints
    WORDS: dict[str, str] = {}  # Ctx.words: the cloud's name, what mapped values look like

    def mappers(self, ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
        raise NotImplementedError

    def lower_provider(self, ctx: Ctx, node: N.Provider) -> None:
        raise NotImplementedError

    def lower_settings(self, ctx: Ctx, node: N.TerraformSettings) -> None:
        raise NotImplementedError

    def finish(self, ctx: Ctx) -> None:
        """Target-wide additions after everything is lowered (provider scaffolding)."""

    # ---------------------------------------------------------------------------------------
    def translate(self, model: N.Model | list[N.Model], tables: Tables, sink: Sink,
                  options: Any = None) -> dict[str, str]:
        """The files of `model`. Given in a one-item list that the caller keeps no other
        reference to, the model is freed once lowered (its bulk need not outlive it)."""
        box = model if isinstance(model, list) else [model]
        with _young_collections_only():
            return self._translate(box, tables, sink, options, isinstance(model, list))

    def _translate(self, box: list[N.Model], tables: Tables, sink: Sink,
                   options: Any = None, free: bool = False, tries: int = 0,
                   original: dict[tuple[str, str, str, str], str] | None = None
                   ) -> dict[str, str]:
        model = box.pop()
        original = {} if original is None else original
        # A label shared across types may write one target address twice: lowered first on
        # a private sink, so that a retry under new names reports nothing twice.
        shared = _shares_labels(model)
        own = Sink() if tries < MAX_RENAME_ROUNDS and shared else sink
        ctx = Ctx(model, tables, own, self.NAME, s3_endpoint=self.S3_ENDPOINT,
                  harden=Hardening.from_options(options), words=self.WORDS)
        ctx.index()
        resources = [n for m in model.modules for n in m.nodes if isinstance(n, N.Resource)]
        for node in resources:
            declare = self.DECLARE.get(node.KIND)
            if declare is not None:
                ctx.refmap[ctx.key_of(node)] = declare(ctx, node)
        rank = {k: i for i, k in enumerate(self.ORDER)}
        # Canonical order (not source order): shuffling input blocks must not change output.
        for node in sorted(resources, key=lambda n: (rank.get(n.KIND, len(rank)), n.module,
                                                     n.mode, n.type, n.name)):
            self.lower_resource(ctx, node)
        if own is not sink:
            found = _colliding(ctx, resources)
            if found:
                box.append(self._renamed(model, found, sink, original))
                del model, resources, ctx  # the first attempt's blocks need not outlive it
                return self._translate(box, tables, sink, options, free, tries + 1, original)
            sink.extend(own.sorted())
            sink.trace.extend(own.trace)
            ctx.sink = sink
        elif shared:  # renames keep freeing names others take: never a silent duplicate
            for n, first, address in _colliding(ctx, resources):
                sink.add("IT339", n.span, f"{n.address} and {first.address} are both written "
                         f"as `{address}`, which Terraform rejects (Duplicate resource)",
                         "rename one of them at the source")
        accounted.apply(ctx, resources)
        ctx.resources_lowered()  # (outputs read a router made per VPC as all of them)
        others = [n for m in model.modules for n in m.nodes if not isinstance(n, N.Resource)]
        calls = sorted((n for n in others if isinstance(n, N.ModuleCall)),
                       key=lambda n: (-n.module.count("/") - (1 if n.module else 0), n.module,
                                      n.name))
        for call in calls:
            self.lower_module_call(ctx, call)
        mappers = self.mappers(ctx)
        for node in others:
            if isinstance(node, N.Variable):
                P.emit_variable(ctx, node, mappers)
            elif isinstance(node, N.Output):
                P.emit_plain(ctx, node, "output", node.labels)
            elif isinstance(node, N.Provider):
                self.lower_provider(ctx, node)
            elif isinstance(node, N.TerraformSettings):
                self.lower_settings(ctx, node)
            elif isinstance(node, N.MetaBlock):
                self.lower_meta_block(ctx, node)
        # Locals last: one that only fed OVH lookups is unused once those are translated.
        for node in others:
            if isinstance(node, N.Locals):
                P.emit_locals(ctx, node, mappers)
        self.finish(ctx)
        tfvars_check.check(ctx, model, mappers)  # (every variable's roles are known by now)
        endpoint.pass_gateway(ctx)  # after the module calls are lowered, before the model goes
        # Each file's first line says it is generated, and from which source file.
        sources = {output_name(f): f for m in model.modules for f in m.files}
        if free:
            # (`node`, the loops' variable, holds the last node lowered.)
            model, resources, others, calls, node = N.Model(()), [], [], [], None
            ctx.let_go_of_model()
        # After everything is emitted: one place decides for all blocks. The arguments the
        # provider requires that nothing gave get placeholders, and a placeholder that is a
        # whole value becomes a variable (plan asks for it instead of applying it), before
        # the secret pass (which marks what reads a sensitive one).
        required_args.fill(ctx, data_table(f"{self.NAME}/required.json"))
        secretpass.apply(ctx, todo_inputs.apply(ctx))
        naming.apply(ctx, data_table(f"{self.NAME}/naming.json"))

        def check() -> set[str]:
            self.check_leftover_vocabulary(ctx)
            # Last: it reads the blocks exactly as written and knows what was reported.
            return selfcheck.apply(ctx)
        # Both checks only read the blocks (but the placeholders the self-check adds): most
        # files are rendered meanwhile on the other core (render_split). The header is added
        # as each file is rendered: the whole output is never held twice.
        out = render_split.render_files(
            ctx.files,
            lambda path, b: header(sources.get(path)) + "\n\n" + render_blocks(canonical_order(b)),
            check, ctx.release)
        # Downloaded modules are written out of Terraform's working directory.
        return {downloaded.output_path(p): text for p, text in out.items()}

    def _renamed(self, model: N.Model, found: list[tuple[N.Resource, N.Resource, str]],
                 sink: Sink, original: dict[tuple[str, str, str, str], str]) -> N.Model:
        """The model with each resource of `found` under a free name (IT379)."""
        taken = {(n.module, n.mode, n.name) for m in model.modules for n in m.nodes
                 if isinstance(n, N.Resource)}
        renames: Renames = {}
        for n, first, address in found:
            new, i = f"{n.name}_2", 2
            while (n.module, n.mode, new) in taken:
                i += 1
                new = f"{n.name}_{i}"
            taken.add((n.module, n.mode, new))
            renames[Ctx.key_of(n)] = new
            was = original.pop(Ctx.key_of(n), n.name)
            original[(n.module, n.mode, n.type, new)] = was
            src = f"{n.address.rsplit('.', 1)[0]}.{was}"
            sink.add("IT379", n.span, f"{src} and {first.address} would both write "
                     f"`{address}`; {src} is translated as if it were named `{new}`, "
                     "its references with it",
                     "rename one of them at the source to choose the names")
        return rename_resources(model, renames)

    def lower_resource(self, ctx: Ctx, node: N.Resource) -> None:
        self.LOWER.get(node.KIND, lower_unsupported)(ctx, node)

    def ovh_vocabulary(self, ctx: Ctx, value: str) -> str | None:
        """What an OVH-specific literal is ("flavor", "region"), or None."""
        return None

    def check_leftover_vocabulary(self, ctx: Ctx) -> None:
        """OVH flavor or region names still in the output (e.g. keys of a lookup table next to
        a mapped variable) silently change meaning: report each one where it was written."""
        from .block_items import block_exprs
        for blocks in ctx.files.values():
            for block in blocks:
                for e in block_exprs(block):
                    # (A literal is its own walk: most values are one.)
                    for sub in (e,) if e.__class__ is E.Literal else W.walk_only(e, E.Literal):
                        assert isinstance(sub, E.Literal)
                        if isinstance(sub.value, str) and sub.span is not None:
                            kind = self.ovh_vocabulary(ctx, sub.value)
                            if kind is not None:
                                ctx.sink.add("IT309", sub.span, f"OVH {kind} `{sub.value}` is "
                                             "left as is here; values mapped elsewhere no "
                                             "longer match it", "map it by hand or with --mapping")

    def lower_module_call(self, ctx: Ctx, node: N.ModuleCall) -> None:
        mappers = self.mappers(ctx)
        args = []
        each_roles: set[str] = set()
        for k, v in node.args:
            if node.local_path is not None:
                for role in sorted(ctx.roles_of(node.local_path, "var", k)):
                    if role in mappers:
                        v = map_leaves(v, mappers[role], ctx, role, strict=False)
                        ctx.roles_from(v, node.module, role)
                        if any((t := E.traversal(s)) and t[0] == "each" for s in E.walk(v)):
                            each_roles.add(role)
            args.append((k, v))
        for role in sorted(each_roles):  # `x = each.key`: the values are in for_each
            args = [(k, map_leaves(v, mappers[role], ctx, role, strict=False)
                     if k == "for_each" else v) for k, v in args]
            ctx.roles_from(node.arg("for_each") or E.Literal(None), node.module, role)
        args = remote_calls.args(ctx, node, args)
        block = TfBlock("module", node.labels)
        if node.local_path is None:
            block.note(remote_calls.todo(node))
        P.emit_args(ctx, block, tuple(args), node.module)
        ctx.emit(node.span, block)

    def lower_meta_block(self, ctx: Ctx, node: N.MetaBlock) -> None:
        """moved/import/removed about OVH resources are meaningless on a new cloud."""
        touches_ovh = any(
            (t := E.traversal(sub)) is not None and t[0].startswith("ovh_")
            for _, v in node.args for sub in E.walk(v))
        if touches_ovh and node.block_type in ("moved", "import", "removed"):
            ctx.sink.add("IT302", node.span, f"`{node.block_type}` block about OVH resources is "
                         "not translated: the target resources are new, with no OVH state")
            return
        scoped = node.arg("data")
        if node.block_type == "check" and isinstance(scoped, E.BlockSeq) and any(
                isinstance(i, E.Object) and i.labels and i.labels[0].startswith("ovh_")
                for i in scoped.items):
            ctx.sink.add("IT302", node.span, f"check `{node.labels[0]}` reads OVH data sources; "
                         "it is not translated: rewrite its assertions against the new resources")
            return
        block = TfBlock(node.block_type, node.labels)
        P.emit_args(ctx, block, node.args, node.module)
        ctx.emit(node.span, block)


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Emitted blocks are long-lived and acyclic: each full collection rescans all of them and
    finds nothing (11 of them were 2.3 s of 20,000 resources, a tenth of the run). The cycles
    lowering leaves die young and the young collections still free them."""
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*old)


_SECTIONS = ("terraform", "provider", "variable", "locals", "data", "resource", "", "module",
             "moved", "import", "removed", "check", "output")


def canonical_order(blocks: list[TfBlock]) -> list[TfBlock]:
    """Terraform blocks first, outputs last; within a section by labels, then by content."""
    def key(b: TfBlock) -> tuple[int, tuple[str, ...]]:
        rank = _SECTIONS.index(b.type) if b.type in _SECTIONS else len(_SECTIONS)
        return rank, b.labels
    groups: dict[tuple[int, tuple[str, ...]], list[TfBlock]] = {}
    for b in blocks:
        groups.setdefault(key(b), []).append(b)
    out: list[TfBlock] = []
    for k in sorted(groups):
        same = groups[k]
        # Only blocks that share type and labels (locals, placeholders) need their text.
        out.extend(same if len(same) == 1 else sorted(same, key=lambda b: render_blocks([b])))
    return out


def lower_unsupported(ctx: Ctx, node: N.Resource) -> None:
    """Non-OVH resources pass through; OVH ones without a lowering become a located TODO."""
    if not node.type.startswith("ovh_"):
        block = TfBlock("data" if node.mode == "data" else "resource", node.labels)
        P.emit_args(ctx, block, node.args, node.module)
        P.emit_meta(ctx, block, node, {})
        ctx.emit(node.span, block)
        return
    if node.type == "ovh_vrack_cloudproject":
        ctx.sink.add("IT310", node.span, f"{node.address} attaches the OVH project to a vRack; "
                     "the target VPC replaces it, so it is omitted")
        return
    if not node.type.startswith("ovh_cloud"):
        # DNS zones, dedicated servers, IAM...: not Public Cloud; they can stay at OVH.
        ctx.keep_ovh_provider = True
        ctx.keep_ovh_modules.add(node.module)
        ctx.sink.add("IT301", node.span, f"{node.address} is not an OVH Public Cloud resource; "
                     "it is kept as is and the ovh provider stays configured")
        block = TfBlock("data" if node.mode == "data" else "resource", node.labels)
        P.emit_args(ctx, block, node.args, node.module)
        P.emit_meta(ctx, block, node, {})
        ctx.emit(node.span, block)
        return
    placeholder = TfBlock("")
    if node.KIND == "Opaque":  # an unknown ovh_cloud_* type, already reported as IT201
        placeholder.note(f"TODO(IT201): {node.address} has an unknown OVH type and was not "
                         "translated.")
        ctx.emit(node.span, placeholder)
        return
    ctx.sink.add("IT305", node.span, f"{node.address} has no {ctx.target_name.upper()} "
                 "equivalent; a human must decide what replaces it")
    placeholder.note(f"TODO(IT305): {node.address} ({node.type}) has no "
                     f"{ctx.target_name.upper()} equivalent and was not translated.")
    ctx.emit(node.span, placeholder)


def _shares_labels(model: N.Model) -> bool:
    seen: dict[tuple[str, str, str], str] = {}
    for m in model.modules:
        for n in m.nodes:
            if isinstance(n, N.Resource) and \
                    seen.setdefault((n.module, n.mode, n.name), n.type) != n.type:
                return True
    return False


def _colliding(ctx: Ctx, resources: list[N.Resource]
               ) -> list[tuple[N.Resource, N.Resource, str]]:
    """(resource to rename, the one keeping the address, the address) for each resource or
    data address that blocks lowered from two source resources write (Duplicate resource)."""
    by_span = {n.span: n for n in resources}
    writers: dict[tuple[str, str, tuple[str, ...]], list[N.Resource]] = {}
    for path, blocks in ctx.files.items():
        for b in blocks:
            node = by_span.get(b.span) if b.span is not None else None
            if node is not None and b.type in ("resource", "data") and len(b.labels) == 2:
                w = writers.setdefault((path.rpartition("/")[0], b.type, b.labels), [])
                if node not in w:
                    w.append(node)
    found: dict[int, tuple[N.Resource, N.Resource, str]] = {}
    for (_, type_, labels), w in sorted(writers.items()):
        if len({n.type for n in w}) < 2:
            continue  # one type twice is a duplicate definition, reported as IT207
        # A resource written in the target's own type keeps its address (it may be in a
        # state already), then OVH's own types, then by type: whatever the source order.
        w.sort(key=lambda n: (n.type != labels[0], not n.type.startswith("ovh_"), n.type))
        address = ("data." if type_ == "data" else "") + ".".join(labels)
        for n in w[1:]:
            if n.type != w[0].type:
                found.setdefault(id(n), (n, w[0], address))
    return sorted(found.values(), key=lambda f: (f[0].module, f[0].mode, f[0].type,
                                                  f[0].name))
