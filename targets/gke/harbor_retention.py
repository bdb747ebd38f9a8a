"""GKE lowering of a Harbor retention policy as cleanup policies of the Artifact Registry repo."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C

# Harbor doublestar patterns that select every repository or tag.
_ALL = {"**", "{**}", "*", "{*}"}
# Rule arguments read below; any other (pull-based rules, always_retain, exclusions) has no
# Artifact Registry condition, and keeping part of a policy would delete what it retained.
_KNOWN = {"disabled", "repo_matching", "tag_matching", "untagged_artifacts",
          "most_recently_pushed", "n_days_since_last_push"}


def _keep(rule: E.Expr, prefix: str) -> tuple[str, dict[str, E.Expr]] | str:
    """The KEEP policy for one rule (block name, attributes), or why none is exact."""
    obj = E.unwrap(rule)
    keys = {E.key_name(k) for k, _ in obj.items} if isinstance(obj, E.Object) else set()
    if not keys <= _KNOWN:
        return f"rule arguments {sorted(k for k in keys - _KNOWN if k)} have no cleanup condition"
    for field in ("repo_matching", "tag_matching"):
        if E.str_value(E.obj_get(rule, field)) not in _ALL:
            return f"`{field}` is not a literal match-all pattern"
    with_untagged = literal_bool(E.obj_get(rule, "untagged_artifacts"), True)
    if with_untagged is None:
        return "`untagged_artifacts` is not a literal"
    prefixes = E.Tuple((E.Literal(prefix),))
    count = _int(E.obj_get(rule, "most_recently_pushed"))
    days = _int(E.obj_get(rule, "n_days_since_last_push"))
    if count is not None and days is None and with_untagged:
        # Harbor counts per repository, as keep_count counts per package.
        return "most_recent_versions", {"keep_count": C.num(count),
                                        "package_name_prefixes": prefixes}
    if days is not None and count is None:
        return "condition", {"newer_than": E.Literal(f"{days * 86400}s"),
                             "package_name_prefixes": prefixes,
                             "tag_state": E.Literal("ANY" if with_untagged else "TAGGED")}
    return "the rule is not a literal count or day limit Artifact Registry can express"


def literal_bool(e: E.Expr | None, default: bool) -> bool | None:
    """A literal bool (or "true"/"false"); `default` when absent, None when computed."""
    if e is None:
        return default
    v = getattr(E.unwrap(e), "value", None)
    return v if isinstance(v, bool) else {"true": True, "false": False}.get(str(v))


def _int(e: E.Expr | None) -> int | None:
    v = getattr(E.unwrap(e), "value", None) if e is not None else None
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def cleanup(ctx: Ctx, node: N.Resource, repo: TfBlock, project: str) -> str | None:
    """Add the policy to `repo`; the reason it cannot be expressed exactly otherwise."""
    rules = node.arg("rule")
    if not isinstance(rules, E.BlockSeq) or not rules.items:
        return "its rules are not literal blocks"
    keeps: list[tuple[str, dict[str, E.Expr]]] = []
    for rule in rules.items:
        disabled = literal_bool(E.obj_get(rule, "disabled"), False)
        if disabled is None:
            return "`disabled` of a rule is not a literal"
        if disabled:
            continue
        kept = _keep(rule, f"{project}/")
        if isinstance(kept, str):
            return kept
        keeps.append(kept)
    if not keeps:
        return "every rule is disabled"
    # Harbor deletes what no rule retains: one DELETE for the project, KEEPs override it.
    base = f"harbor-{C.gcp_name(node.name, 40)}"
    drop = repo.block("cleanup_policies", comment=f"{node.address}: Harbor deletes the "
                      f"artifacts of project {project} that no retention rule keeps")
    drop.set("id", E.Literal(f"{base}-delete"))
    drop.set("action", E.Literal("DELETE"))
    cond = drop.block("condition")
    cond.set("tag_state", E.Literal("ANY"))
    cond.set("package_name_prefixes", E.Tuple((E.Literal(f"{project}/"),)))
    for i, (kind, attrs) in enumerate(keeps, 1):
        keep = repo.block("cleanup_policies")
        keep.set("id", E.Literal(f"{base}-keep-{i}"))
        keep.set("action", E.Literal("KEEP"))
        inner = keep.block(kind)
        for k, v in attrs.items():
            inner.set(k, v)
    return None
