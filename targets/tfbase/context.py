"""Lowering state shared by all steps of one translation: outputs, references, value roles."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from iac_translate.compiler import endpoints
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock, todo
from ..mapping import Tables
from . import for_keys as FK
from . import refs
from .refs import RefTarget

if TYPE_CHECKING:
    from .module_index import Mentions, ModuleIndex

Key = tuple[str, str, str, str]  # (module, mode, type, name)



def module_of(path: str) -> str:
    """The module directory of an output file ("" for the root)."""
    return path.rsplit("/", 1)[0] if "/" in path else ""

# How an emitted block is addressed in the report's trace.
_PREFIX = {"resource": "", "data": "data.", "module": "module."}


@dataclass(frozen=True)
class Hardening:
    """The target's hardening defaults for this run (TranslateOptions harden and its finer
    switches; a None/empty finer switch follows `harden`)."""

    deletion_protection: bool = True
    dedicated_node_sa: bool = True
    workload_identity: bool = True
    # What the workloads of the same estate need of the cluster ("object-storage": the
    # CSI driver and, for its credentials, Workload Identity whatever `harden` says).
    needs: tuple[str, ...] = ()

    @staticmethod
    def from_options(options: Any) -> Hardening:
        harden = bool(getattr(options, "harden", True))
        prot = getattr(options, "deletion_protection", None)
        sa = getattr(options, "node_service_account", "") or ""
        needs = tuple(getattr(options, "workload_needs", ()) or ())
        return Hardening(harden if prot is None else bool(prot),
                         (sa == "dedicated") if sa else harden,
                         harden or "object-storage" in needs, needs)


@dataclass
class Ctx:
    model: N.Model
    tables: Tables
    sink: Sink
    target_name: str
    nodes: dict[Key, N.Resource] = field(default_factory=dict)
    refmap: dict[Key, RefTarget] = field(default_factory=dict)
    files: dict[str, list[TfBlock]] = field(default_factory=dict)  # output path -> blocks
    primary: dict[Key, TfBlock] = field(default_factory=dict)  # main block per source resource
    roles: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    scaffolds: dict[str, TfBlock] = field(default_factory=dict)
    extra_providers: dict[str, dict[str, str]] = field(default_factory=dict)
    # (source scopes, source references) for the self-check, read before the model is freed
    source_facts: Any = None
    keep_ovh_provider: bool = False
    keep_ovh_modules: set[str] = field(default_factory=set)  # modules with kept OVH objects
    # (role, OVH value) -> (code, what the mapping loses, hint): said where the value is
    # mapped wherever it is written (a variable default as well as an argument)
    mapping_notes: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)
    s3_endpoint: str | None = None  # the target's S3-compatible endpoint, if it has one
    default_region: dict[str, E.Expr] = field(default_factory=dict)  # module -> region
    harden: Hardening = field(default_factory=Hardening)
    # the target's words for messages: "cloud" and what each value role holds once mapped
    words: dict[str, str] = field(default_factory=dict)
    # Neutral readings of source nodes, a pure function of the model: (what, id(node)) ->
    # (node, reading), read once whoever asks (a database was read five times); let go with
    # the model.
    readings: dict[tuple[str, int], tuple[Any, Any]] = field(default_factory=dict)
    _reads: dict[tuple[str, str, str], set[str]] | None = None
    _index: ModuleIndex | None = None
    _mentions: dict[str, Mentions] = field(default_factory=dict)
    _emitted: int = 0  # blocks placed so far: the mention indexes are current when equal
    capture: list[TfBlock] | None = None  # while set, emit() also lists its blocks here
    grown: list[str] = field(default_factory=list)  # paths given blocks, a run logged once
    _made_per: dict[Key, N.Resource] = field(default_factory=dict)  # see made_per
    # target address -> (what it is repeated like, by count): the self-check's words
    made_per_like: dict[str, tuple[str, bool]] = field(default_factory=dict)

    # -- indexing ---------------------------------------------------------------------------
    def index(self) -> None:
        for module in self.model.modules:
            for node in module.nodes:
                if isinstance(node, N.Resource):
                    key = (node.module, node.mode, node.type, node.name)
                    if key in self.nodes:
                        self.sink.add("IT207", node.span, f"{node.address} is defined twice")
                    self.nodes[key] = node

    @staticmethod
    def key_of(node: N.Resource) -> Key:
        return (node.module, node.mode, node.type, node.name)

    # -- output placement -------------------------------------------------------------------
    def emit(self, at: Span, block: TfBlock, file: str | None = None) -> TfBlock:
        """Place `block` in the output file mirroring `at.file` (ordered when rendered)."""
        path = file or output_name(at.file)
        self.files.setdefault(path, []).append(block)
        self._emitted += 1
        self._note_grown(path)
        if self.capture is not None:
            self.capture.append(block)
        if block.span is None:
            block.span = at
        if block.type in _PREFIX and block.labels:
            self.sink.produced(at, _PREFIX[block.type] + ".".join(block.labels))
        return block

    def merged(self, node: Any, into: TfBlock) -> None:
        """Record that `node` was folded into `into` (an allow-list into its cluster...)."""
        self.sink.produced(node.span, _PREFIX.get(into.type, "") + ".".join(into.labels))

    def scaffold(self, key: str, module: str, make: Any, file: str = "") -> TfBlock:
        """Emit a scaffolding block once per module (e.g. the client-config data source)."""
        full = f"{module}|{key}"
        if full not in self.scaffolds:
            block = make()
            self.scaffolds[full] = block
            path = "/".join(p for p in (module, file or f"{self.target_name}_scaffold.tf") if p)
            self.files.setdefault(path, []).append(block)
            self._emitted += 1
            self._note_grown(path)
        return self.scaffolds[full]

    def _note_grown(self, path: str) -> None:  # (read by module_index.EmittedBy)
        if not self.grown or self.grown[-1] != path:
            self.grown.append(path)

    def let_go_of_model(self) -> None:
        """After the lowering, the later passes read only the emitted blocks: the source
        model (about 15 times the input) need not stay alive under them. What the self-check
        needs of it is kept."""
        from . import selfcheck
        self.source_facts = (selfcheck.source_scopes(self.model),
                             selfcheck.source_refs(self.model))
        self.model = N.Model(())
        self.nodes = {}
        self.refmap = {}
        self.readings = {}
        if self._index is not None:
            self._index.forget_model()

    def release(self) -> None:
        """Drop the emitted blocks and indexes once rendered: the module index refers back to
        this context, and that cycle kept a million objects for a full collection to free
        (1.5 s at 20,000 resources) instead of reference counting."""
        self.files, self.primary, self.scaffolds = {}, {}, {}
        self._index, self._mentions = None, {}

    @property
    def by_module(self) -> ModuleIndex:
        """Per-module lookups built once: asking them per resource was quadratic."""
        if self._index is None:
            from .module_index import ModuleIndex  # it reads Ctx: imported when first asked
            self._index = ModuleIndex(self)
        return self._index

    def output_mentions(self, module: str, root: str, name: str) -> bool:
        """True if an emitted block of `module` reads `root.name` (e.g. local.x).  Blocks are
        indexed the first time they are seen (new ones on each call): ask only once the
        blocks already emitted no longer change (locals, target-wide scaffolding)."""
        from .module_index import Mentions
        seen = self._mentions.setdefault(module, Mentions())
        if seen.emitted != self._emitted:
            seen.update(self.files, module)
            seen.emitted = self._emitted
        return (root, name) in seen.refs

    def attributes_read(self, node: N.Resource) -> set[str]:
        """Attribute names read anywhere in the node's module through `type.name...`."""
        if self._reads is None:
            reads: dict[tuple[str, str, str], set[str]] = {}
            for module in self.model.modules:
                for n in module.nodes:
                    for _, v in n.args:
                        if v.__class__ is E.Literal:
                            continue  # most arguments: nothing to walk
                        for t in W.outer_traversals(v):  # (prefixes read no more)
                            if not t[1] or t[1][0][0] != "attr":
                                continue
                            head, rest = t[0], t[1]
                            if head == "data" and len(rest) > 1 and rest[1][0] == "attr":
                                head, rest = f"data.{rest[0][1]}", rest[1:]
                            if head.removeprefix("data.").startswith("ovh_"):
                                key = (module.path, head, str(rest[0][1]))
                                reads.setdefault(key, set()).update(
                                    str(a) for k, a in rest[1:] if k == "attr")
            self._reads = reads
        head = f"data.{node.type}" if node.mode == "data" else node.type
        return self._reads.get((node.module, head, node.name), set())

    # -- references -------------------------------------------------------------------------
    # -- compiler.passes.reader.Reader: what the neutral OVH readers need ---------------------
    @property
    def ovh_flavors(self) -> dict[str, Any]:
        return self.tables.ovh_flavors

    @property
    def ovh_regions(self) -> dict[str, Any]:
        return self.tables.ovh_regions

    def literal(self, expr: E.Expr | None, node: N.Resource) -> str | None:
        from .values import literal_str
        return literal_str(expr, node, self)

    def resolve(self, expr: E.Expr | None, module: str) -> N.Resource | None:
        """The IR resource an expression such as `ovh_cloud_project_kube.k.id` points at."""
        if expr is None:
            return None
        for t in W.outer_traversals(expr):  # (a chain's prefixes name the same key)
            key = self._key_from(t, module)
            if key is not None and key in self.nodes:
                return self.nodes[key]
        return None

    @staticmethod
    def _key_from(t: tuple[str, list[E.Step]], module: str) -> Key | None:
        root, steps = t
        if root == "data" and len(steps) >= 2 and steps[0][0] == "attr" and steps[1][0] == "attr":
            return (module, "data", str(steps[0][1]), str(steps[1][1]))
        if steps and steps[0][0] == "attr" and "_" in root:
            return (module, "managed", root, str(steps[0][1]))
        return None

    def rewrite(self, expr: E.Expr, module: str) -> E.Expr:
        """Rewrite every reference to a source OVH resource into the target's vocabulary."""
        if isinstance(expr, E.Literal):  # most leaves: only an S3 endpoint changes
            return self._endpoint(expr, module) if endpoints.is_ovh_s3(expr) else expr
        t = E.traversal(expr)
        if t is None and (flat := refs.unwrap_list_call(expr)) is not None:
            expr, t = flat, E.traversal(flat)  # tolist(x.attrs)[0].y reads x.attrs[0].y
        if t is not None:
            if self._key_from(t, module) is None and \
                    not any(step[0] == "index" for step in t[1]):
                # `var.x`, `local.y.z`, `each.value`: no resource, so neither is any prefix of
                # it, and no index key inside to rewrite
                return expr
            out = self._rewrite_traversal(expr, t, module)
            if out is not None:
                return out
        if isinstance(expr, (E.Literal, E.Template)) and endpoints.is_ovh_s3(expr):
            return self._endpoint(expr, module)
        if isinstance(expr, E.Var):
            return expr
        if isinstance(expr, E.ForExpr):
            expr = FK.rewrite_for_variable(self, expr, module)
        out = E.transform_children(expr, lambda e: self.rewrite(e, module))
        return simplify(out) if out is not expr else out

    def made_per(self, node: N.Resource, like: N.Resource) -> None:
        """`node`'s target is repeated like `like` though the source writes one: references
        that name no instance read them all, once every resource is lowered (outputs,
        locals), or the one instance there is (everywhere); a resource reading all of them
        gets the self-check's IT381 in these words (made_per_like)."""
        self._made_per[self.key_of(node)] = like
        if (t := self.refmap.get(self.key_of(node))) is not None and t.self_ref is not None:
            self.made_per_like[t.self_ref] = (like.address, like.meta.count is not None)

    def resources_lowered(self) -> None:
        """Every resource is lowered: the references rewritten from now on are the rest's."""
        for key, like in self._made_per.items():
            if key in self.refmap:
                self.refmap[key] = replace(self.refmap[key], made_per=like)

    def _endpoint(self, lit: E.Literal | E.Template, module: str) -> E.Expr:
        """Hard-coded OVH S3 endpoints (`s3.gra.io.cloud.ovh.net`, `s3.${var.r}.io...`) point
        at the target's endpoint of that region (one detector with lint: compiler/endpoints;
        what replaces them: tfbase/endpoint)."""
        from .endpoint import replace  # it reads the region tables through fitmap
        return replace(self, lit, module)

    def _rewrite_traversal(self, expr: E.Expr, t: tuple[str, list[E.Step]],
                           module: str) -> E.Expr | None:
        key = self._key_from(t, module)
        # OVH types, and other providers' resources read as OVH ones (openstack_*, aws_s3_*).
        if key is None or not (key[2].startswith("ovh_") or key in self.refmap):
            return None
        target = self.refmap.get(key)
        root, steps = t
        after = steps[2:] if key[1] == "data" else steps[1:]
        inst: list[E.Step] = []
        while after and after[0][0] in ("index", "splat"):
            inst.append(after.pop(0))
        addr = f"{'data.' if key[1] == 'data' else ''}{key[2]}.{key[3]}"
        if target is None:
            if key not in self.nodes:
                self.sink.add("IT206", expr.span, f"reference to undeclared `{addr}`")
            elif key[2].startswith("ovh_cloud") or key[2] == "ovh_vrack_cloudproject":
                return self._no_equivalent(expr)  # (as written, it names nothing there)
            return None
        head = None
        if target.self_ref is not None:
            root2, *rest = target.self_ref.split(".")
            head = E.build_traversal(root2, [("attr", p) for p in rest] + inst)
        like = target.made_per or self._made_per.get(key)
        if like is not None and head is not None and not inst and after and \
                (target.made_per is not None or FK.single_key(like) is not None):
            # (a resource reads the one instance there is; all of them are not its value)
            result = FK.all_instances(self, expr, replace(target, made_per=like), head,
                                      list(after))
        else:
            result = refs.apply(target, head or E.Var("__none__"), list(after)) \
                if (head is not None or target.rules) else None
        if result is None:
            node = self.nodes.get(key)
            if not inst and after and isinstance(node, N.Resource) and \
                    (node.meta.count is not None or node.meta.for_each is not None):
                # (Terraform refuses the source as written: no value to stand for it)
                self.sink.add("IT381", expr.span, f"`{to_hcl(expr)}` reads an attribute of "
                              f"{addr}, which is written with count or for_each, without an "
                              "instance key: Terraform refuses it, in the source too",
                              f"index it (`{addr}[0]`, `{addr}[each.key]`) at the source")
                return E.Literal(todo("IT381", to_hcl(expr)).value, span=expr.span)
            return self._no_equivalent(expr)
        return _respan(result, expr.span)

    def _no_equivalent(self, expr: E.Expr) -> E.Expr:
        text = to_hcl(expr)
        self.sink.add("IT206", expr.span, f"`{text}` has no {self.target_name.upper()} "
                      f"equivalent", "a placeholder stands for it: a variable the user sets "
                      "(IT383), or null in an output (IT384), where one can stand there")
        return E.Literal(todo("IT206", text).value, span=expr.span)  # (its diagnostics' place)

    # -- value roles (region, flavor...) ----------------------------------------------------
    def add_role(self, module: str, kind: str, name: str, role: str) -> None:
        """Mark var/local `name` as holding `role` values; a local passes it to what it reads."""
        roles = self.roles.setdefault((module, kind, name), set())
        if role in roles:
            return
        roles.add(role)
        if kind != "local":
            return
        for v in self.by_module.locals.get((module, name), []):
            self.roles_from(v, module, role)

    def roles_from(self, expr: E.Expr, module: str, role: str) -> None:
        for t in W.outer_traversals(expr):
            if t[0] in ("var", "local") and t[1] and t[1][0][0] == "attr":
                self.add_role(module, t[0], str(t[1][0][1]), role)

    def roles_of(self, module: str, kind: str, name: str) -> set[str]:
        return self.roles.get((module, kind, name), set())


def simplify(e: E.Expr) -> E.Expr:
    """Fold idioms that a rewrite made trivial: `tolist([x])[0]` and `[x][0]` become `x`."""
    if isinstance(e, E.Index) and isinstance(e.key, E.Literal) and e.key.value == 0:
        inner = e.obj
        if isinstance(inner, E.Call) and inner.name in ("tolist", "toset") and \
                len(inner.args) == 1:
            inner = inner.args[0]
        if isinstance(inner, E.Tuple) and len(inner.items) == 1:
            return inner.items[0]
    return e


def _respan(e: E.Expr, span: Span | None) -> E.Expr:
    return E.transform(e, lambda n: None) if span is None else _with_span(e, span)


def _with_span(e: E.Expr, span: Span) -> E.Expr:
    from dataclasses import replace
    return replace(e, span=span)


def output_name(src: str) -> str:
    """`x/main.tf.json` is emitted as `x/main.tf` (native syntax)."""
    return src[:-5] if src.endswith(".tf.json") else src
