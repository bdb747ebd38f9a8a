"""IAM user names per module use: a child module's users take the prefix its callers pass."""

from __future__ import annotations

import weakref

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import provider_family as PF
from ..tfbase import readings
from ..tfbase.context import Ctx
from ..tfbase.scaffold_names import free_variable_name, scaffold_variable
from . import common as C

# IAM user names are unique in the whole AWS account (there is no name_prefix for users, as
# there is for roles): a module called twice would create its users twice under one name.
# The name wanted: a module whose source declares a variable of that name gets another one
# (scaffold_names.free_variable_name), the author's keeps its meaning.
VAR = "iam_name_prefix"
USER_TYPES = ("ovh_cloud_project_user", "ovh_cloud_project_containerregistry_user")
_ROOT_TEXT = (
    "IAM user names are unique in the whole AWS account, not per configuration: the IAM "
    "users of this root module (first: {address}) have fixed names (the OVH resource's name "
    "or login), so a second apply of this configuration in the same account (another "
    "workspace or environment) fails at CreateUser (EntityAlreadyExists)")
_ROOT_HINT = "one AWS account per environment, or a per-environment prefix before the names"
_CHILD_TEXT = (
    "IAM user names are unique in the whole AWS account, not per module: the IAM users of "
    "module `{module}` (first: {address}) are named after its variable {var} (default "
    "\"{default}\"), which each module block calling it sets from its own name and instance "
    "key, so two uses of the module do not collide; two applies of the calling configuration "
    "in one account still do")
_CHILD_HINT = "set {var} by hand where the module is called from outside this translation"


def user_name(ctx: Ctx, node: N.Resource, base: str | E.Expr) -> E.Expr:
    """The IAM user name of `node`: in a child module the caller's prefix (variable VAR)
    before the OVH name, the instance key after it for a counted or for_each user (its
    instances would share one name); IT334 once per module says what can still collide."""
    suffix: tuple[str | E.Expr, ...] = ()
    if node.meta.count is not None:
        suffix = ("-", E.ref("count.index"))
    elif node.meta.for_each is not None:
        suffix = ("-", E.ref("each.key"))
    own = bool(node.module) and node.module in _called(ctx)
    if _first_user(ctx, node):
        if own:
            var = free_variable_name(ctx, node.module, VAR)
            ctx.sink.add("IT334", node.span, _CHILD_TEXT.format(
                module=node.module, address=node.address, var=var,
                default=_default(node.module)), _CHILD_HINT.format(var=var))
        else:
            ctx.sink.add("IT334", node.span, _ROOT_TEXT.format(address=node.address),
                         _ROOT_HINT)
    if own:
        return _joined(E.ref(f"var.{declare(ctx, node.module)}"), base, *suffix)
    # (a root module: nothing here calls it; one in a subdirectory is named after it)
    prefix = _default(node.module) if node.module else ""
    if isinstance(base, str) and not suffix:
        return E.Literal(C.aws_name(prefix + base, 64))
    return _joined(*(p for p in (prefix, base) if p != ""), *suffix)


def _joined(*parts: str | E.Expr) -> E.Template:
    """One template of the parts, a quoted template's own parts spliced in (no `${"..."}`)."""
    out: list[E.TemplatePart] = []
    for p in parts:
        if isinstance(p, E.Template) and p.heredoc is None:
            out += p.parts
        else:
            out.append(p if isinstance(p, str) else E.Interp(p))
    return E.Template(tuple(out))


def _default(module: str) -> str:
    return f"{C.aws_name(module.rsplit('/', 1)[-1], 24)}-"


def declare(ctx: Ctx, module: str) -> str:
    """The prefix variable of a child module (once), defaulting to its directory's name;
    its name in that module (VAR, unless the source declares a variable of that name)."""
    def make(name: str) -> TfBlock:
        v = TfBlock("variable", (name,), comments=[
            "scaffolding: IAM user names are account-wide; each use of this module passes "
            "its own prefix"])
        v.set("description", E.Literal("Prefix of the IAM user names of this module (and of "
                                       "the modules it calls), unique per use of the module "
                                       "in the AWS account"))
        v.set("type", E.Var("string"))
        v.set("default", E.Literal(_default(module)))
        return v
    return scaffold_variable(ctx, module, VAR, make)


def _called(ctx: Ctx) -> set[str]:
    """The modules another module calls (the others are roots, even in a subdirectory)."""
    seen = _CALLED.get(id(ctx))
    if seen is None or seen[0]() is not ctx.model:  # (once per translation: every user asks)
        seen = (weakref.ref(ctx.model), {
            n.local_path for m in ctx.model.modules for n in m.nodes
            if isinstance(n, N.ModuleCall) and n.local_path is not None})
        _CALLED.clear()  # (weak: the model is freed once lowered, as the driver wants)
        _CALLED[id(ctx)] = seen
    return seen[1]


_CALLED: dict[int, tuple[weakref.ref[N.Model], set[str]]] = {}


def _first_user(ctx: Ctx, node: N.Resource) -> bool:
    """`node` is the first resource of its module that becomes an IAM user (IT334 once);
    found once per module (Ctx.readings), not by a scan of the module per user."""
    def build() -> tuple[str, str] | None:
        for m in ctx.model.modules:
            if m.path == node.module:
                # (the first by address: the blocks' order in the input must not show)
                first = min((n for n in m.nodes if isinstance(n, N.Resource) and
                             n.mode != "data" and n.type in USER_TYPES),
                            key=lambda n: n.address, default=None)
                return (first.type, first.name) if first is not None else None
        return None
    return readings.index(ctx, f"eks.first_user {node.module}", build) == (node.type,
                                                                            node.name)


def pass_prefixes(ctx: Ctx) -> None:
    """Every call of a local module with the prefix variable passes its own: the call's name
    (and instance key) after the caller's prefix when the caller is a child module too,
    which then gets the variable itself; until no call changes (after the module calls are
    lowered, before the model is let go)."""
    def fill(call: N.ModuleCall, block: TfBlock) -> bool:
        assert call.local_path is not None  # (pass_down fills calls of local modules only)
        var = free_variable_name(ctx, call.local_path, VAR)  # (its name in the callee)
        if block.get(var) is not None:
            return False  # (already filled)
        parts: list[str | E.Expr] = [f"{C.aws_name(call.name, 24)}-"]
        if call.arg("count") is not None:
            parts += [E.ref("count.index"), "-"]
        elif call.arg("for_each") is not None:
            parts += [E.ref("each.key"), "-"]
        if call.module in _called(ctx):
            parts.insert(0, E.ref(f"var.{declare(ctx, call.module)}"))
        block.set(var, E.Literal(parts[0]) if len(parts) == 1 and isinstance(
            parts[0], str) else C.tpl(*parts))
        return True
    PF.pass_down(ctx, VAR, fill)

