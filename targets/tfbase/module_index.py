"""Per-module indexes of the source model and of emitted blocks, built once per translation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from . import readings
from .block_items import block_exprs
from .context import module_of

if TYPE_CHECKING:
    from .context import Ctx, Key


class Mentions:
    """`root.name` pairs read by the emitted blocks of one module, grown incrementally."""

    def __init__(self) -> None:
        self.refs: set[tuple[str, str]] = set()
        self.done: dict[str, int] = {}  # output path -> blocks already indexed
        self.emitted = -1  # the translation's block count when last updated

    def update(self, files: dict[str, list[TfBlock]], module: str) -> None:
        for path, placed in files.items():
            start = self.done.get(path)
            if start is None:
                start = 0 if module_of(path) == module else -1
            if start < 0 or start == len(placed):
                self.done[path] = start
                continue
            for block in placed[start:]:
                for e in block_exprs(block):
                    if e.__class__ is E.Literal:
                        continue  # most values: no reference inside, and nothing to walk
                    for t in W.outer_traversals(e):  # (prefixes add no pair)
                        if t[1] and t[1][0][0] == "attr":
                            self.refs.add((t[0], str(t[1][0][1])))
            self.done[path] = len(placed)


class EmittedBy:
    """Emitted resource blocks of one type by the printed value of one argument, grown
    incrementally: a lowering asking which emitted block holds a value scanned every block
    of the translation each time (quadratic)."""

    def __init__(self, rtype: str, arg: str) -> None:
        self.rtype, self.arg = rtype, arg
        self.by: dict[str, dict[str, list[TfBlock]]] = {}  # printed value -> path -> blocks
        self.done: dict[str, int] = {}  # output path -> blocks already indexed
        self.seen = 0  # entries of the context's `grown` log already read

    def blocks(self, files: dict[str, list[TfBlock]], value: E.Expr,
               grown: list[str] | None = None) -> list[TfBlock]:
        """The blocks emitted so far whose argument prints as `value`, in output order; with
        the context's `grown` log only the files that received blocks since the last question
        are read (every file for each question was quadratic: files grow with the input).
        (Used while lowering: no block is taken out of a file then.)"""
        done = self.done
        if grown is None:
            paths_in: Any = files
        else:
            paths_in = dict.fromkeys(grown[self.seen:])
            self.seen = len(grown)
        for path in paths_in:
            placed = files.get(path, [])
            start = done.get(path, 0)
            if start == len(placed):
                continue  # (most files, most questions: kept cheap, it is per file)
            if start > len(placed):  # blocks were taken out: index that file again
                for paths in self.by.values():
                    paths.pop(path, None)
                start = 0
            for block in placed[start:]:
                if block.type == "resource" and block.labels[:1] == (self.rtype,):
                    text = to_hcl(block.get(self.arg) or E.Literal(None))
                    self.by.setdefault(text, {}).setdefault(path, []).append(block)
            done[path] = len(placed)
        paths = self.by.get(to_hcl(value), {})
        if len(paths) < 2:
            return [b for found in paths.values() for b in found]
        return [b for path in files if path in paths for b in paths[path]]


class ModuleIndex:
    """Nodes of each module by kind and name, and who reads which local: one pass over the
    model answers what each lowering used to scan the whole model for."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.nodes: dict[str, list[N.Node]] = {}
        self.variables: dict[tuple[str, str], N.Variable] = {}
        self.locals: dict[tuple[str, str], list[E.Expr]] = {}
        self.called: set[str] = set()
        self.calls_of: dict[str, list[tuple[str, N.ModuleCall]]] = {}  # callee -> (caller, call)
        self._kinds: dict[tuple[str, type[N.Node]], list[N.Node]] = {}
        self.read_locals: set[tuple[str, str]] = set()
        for m in ctx.model.modules:
            self.nodes.setdefault(m.path, []).extend(m.nodes)
            for n in m.nodes:
                self._add(m.path, n)
        self._subnets: dict[Key, N.Resource] | None = None
        self._policies: set[Key] | None = None
        self._resources: dict[tuple[str, str], list[N.Resource]] | None = None
        self._keys: dict[str, list[Key]] | None = None

    def forget_model(self) -> None:
        """Drop what was read from the source model (Ctx.let_go_of_model)."""
        self.nodes, self.variables, self.locals, self.calls_of, self._kinds = {}, {}, {}, {}, {}
        self._subnets = self._policies = self._resources = self._keys = None

    def _add(self, module: str, n: N.Node) -> None:
        if isinstance(n, N.Variable):
            self.variables.setdefault((module, n.name), n)
        elif isinstance(n, N.ModuleCall) and n.local_path is not None:
            self.called.add(n.local_path)
            self.calls_of.setdefault(n.local_path, []).append((module, n))
        if isinstance(n, N.Locals):
            for k, v in n.args:
                self.locals.setdefault((module, k), []).append(v)
        if not isinstance(n, (N.Locals, N.Output, N.ModuleCall, N.Variable, N.Provider)):
            return
        for k, v in n.args:
            for t in W.outer_traversals(v):
                if t[0] == "local" and t[1] and t[1][0][0] == "attr":
                    name = str(t[1][0][1])
                    if not (isinstance(n, N.Locals) and k == name):  # its own definition
                        self.read_locals.add((module, name))

    def of_kind(self, module: str, kind: type[N.Node]) -> list[N.Node]:
        """The nodes of `module` that are `kind`, in declaration order."""
        found = self._kinds.get((module, kind))
        if found is None:
            found = self._kinds[(module, kind)] = [n for n in self.nodes.get(module, [])
                                                   if isinstance(n, kind)]
        return found

    def resources(self, module: str, kind: str) -> list[N.Resource]:
        """The resources of `module` whose concept is `kind`, in the order of `ctx.nodes`."""
        if self._resources is None:
            self._resources = {}
            for n in self.ctx.nodes.values():
                self._resources.setdefault((n.module, n.KIND), []).append(n)
        return self._resources.get((module, kind), [])

    def sorted_keys(self, module: str) -> list[Key]:
        """The keys of `ctx.nodes` in `module`, sorted."""
        if self._keys is None:
            self._keys = {}
            for key in sorted(self.ctx.nodes):
                self._keys.setdefault(key[0], []).append(key)
        return self._keys.get(module, [])

    def first_subnet(self, net: N.Resource) -> N.Resource | None:
        """The first subnet (in declaration order) whose `network_id` resolves to `net`."""
        if self._subnets is None:
            self._subnets = {}
            for node in self.ctx.nodes.values():
                if node.KIND == "Subnet":
                    on = self.ctx.resolve(node.get("network_id"), node.module)
                    if on is not None and on.module == node.module:
                        self._subnets.setdefault(self.ctx.key_of(on), node)
        key = self.ctx.key_of(net)
        return self._subnets.get(key) if self.ctx.nodes.get(key) is net else None

    def has_policy(self, user: N.Resource) -> bool:
        """Some ObjectStoragePolicy's `user_id` resolves to `user`."""
        if self._policies is None:
            self._policies = set()
            for n in self.ctx.nodes.values():
                if n.KIND == "ObjectStoragePolicy":
                    on = self.ctx.resolve(n.get("user_id"), n.module)
                    if on is not None:
                        self._policies.add(self.ctx.key_of(on))
        key = self.ctx.key_of(user)
        return key in self._policies and self.ctx.nodes.get(key) is user


def subnets_of(ctx: Ctx, net: N.Resource) -> list[N.Resource]:
    """The declared (managed) subnets whose network is `net`, in label order; the module's
    subnets are grouped by network once (each network's references, VPC, regions and DNS
    ask: a scan per question was quadratic in the module)."""
    def build() -> dict[int, list[N.Resource]]:
        found: dict[int, list[N.Resource]] = {}
        for n in ctx.by_module.resources(net.module, "Subnet"):
            if n.mode == "managed" and (ref := NW.read_subnet(ctx, n).network) is not None \
                    and (owner := ctx.resolve(ref, n.module)) is not None:
                found.setdefault(id(owner), []).append(n)
        for subs in found.values():
            subs.sort(key=lambda n: n.name)
        return found
    return readings.grouped(ctx, f"module_index.subnets_of {net.module}", build, net)
