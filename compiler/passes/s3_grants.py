"""The OVH S3 policy (AWS-IAM shaped JSON) read once into neutral grants every target lowers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

ARN = "arn:aws:s3:::"
_HOLE = "\x00{}\x00"  # stands for the n-th `${...}` of a heredoc while the JSON is parsed


class Verb(str, Enum):
    """What an S3 action lets a principal do, in terms every object store has."""

    READ = "read"
    LIST = "list"
    WRITE = "write"
    DELETE = "delete"
    ADMIN = "admin"  # bucket configuration and policy, or every action (`s3:*`)


@dataclass(frozen=True, slots=True)
class BucketRef:
    """A bucket a statement names (`arn:aws:s3:::NAME[/KEY]`): the name as a source
    expression (a literal or the references it interpolates), the key prefix after `/`."""

    resource: E.Expr  # the ARN as written
    name: E.Expr | None  # None for `arn:aws:s3:::*` (every bucket)
    text: str | None = None  # the literal name, when it is one
    key: str | None = None  # "*" or "logs/*"; None for the bucket itself

    @property
    def objects(self) -> bool:
        return self.key is not None


@dataclass(frozen=True, slots=True)
class Grant:
    """One statement: effect, verbs (with the S3 action names as written), buckets, and
    what a role-based target cannot keep (conditions, principals, NotAction)."""

    effect: str  # "allow" | "deny"
    verbs: frozenset[Verb]
    actions: tuple[str, ...]
    buckets: tuple[BucketRef, ...]
    source: E.Expr
    sid: str | None = None
    conditions: E.Expr | None = None
    principal: E.Expr | None = None
    unknown_actions: tuple[str, ...] = ()  # names S3 does not define (typos, other services)
    inverted: tuple[str, ...] = ()  # NotAction / NotResource keys: the grant is their complement


@dataclass(frozen=True, slots=True)
class Problem:
    span: Span | None
    message: str


@dataclass(frozen=True, slots=True)
class S3Policy:
    """A policy document: its statements as grants, the document as an HCL object (the
    jsonencode argument, or a heredoc's JSON rebuilt with its interpolations), and what
    cannot be read. `readable` is False when the statements themselves are unknown."""

    source: E.Expr | None
    document: E.Object | None
    grants: tuple[Grant, ...] = ()
    problems: tuple[Problem, ...] = ()
    version: str | None = None

    @property
    def readable(self) -> bool:
        return self.document is not None and bool(self.grants)


@cache
def s3_actions() -> frozenset[str]:
    """Every action of the S3 service authorization reference, lower-cased (IAM action
    names are case-insensitive)."""
    data = json.loads((Path(__file__).with_name("s3_actions.json")).read_text())
    return frozenset(a.lower() for a in data["actions"])


def verbs_of(action: str) -> frozenset[Verb]:
    """`s3:GetObject` -> READ; `s3:Put*` -> WRITE; `s3:*` -> every verb."""
    name = action.split(":", 1)[1] if ":" in action else action
    low = name.lower()
    if action in ("*", "s3:*") or low == "*":
        return frozenset(Verb)
    if low.startswith("list"):
        return frozenset({Verb.LIST, Verb.READ})
    if low.startswith(("get", "head")):
        return frozenset({Verb.READ})
    if low.startswith("delete"):
        return frozenset({Verb.DELETE})
    if low.startswith(("putbucket", "putlifecycle", "putencryption", "putreplication",
                       "putaccelerate", "putanalytics", "putinventory", "putmetrics",
                       "putintelligent", "putaccesspoint", "createbucket", "bypass")):
        return frozenset({Verb.ADMIN})
    return frozenset({Verb.WRITE})


def _known(action: str) -> bool:
    low = action.lower()
    if low in ("*", "s3:*"):
        return True
    if not low.startswith("s3:"):
        return False
    if "*" in low or "?" in low:
        pattern = re.compile(re.escape(low).replace(r"\*", ".*").replace(r"\?", "."))
        return any(pattern.fullmatch(a) for a in s3_actions())
    return low in s3_actions()


def read_policy(expr: E.Expr | None) -> S3Policy:
    """`jsonencode({...})`, a heredoc or quoted JSON string (interpolations allowed)."""
    if expr is None:
        return S3Policy(None, None, (), (Problem(None, "the policy is not set"),))
    doc = _document(expr)
    if doc is None:
        return S3Policy(expr, None, (), (Problem(expr.span, "the policy is computed (not a "
                                                 "jsonencode object or a JSON text)"),))
    statements = E.obj_get(doc, "Statement")
    items = statements.items if isinstance(statements, E.Tuple) else \
        (statements,) if isinstance(statements, E.Object) else ()
    problems: list[Problem] = []
    if not items:
        problems.append(Problem((statements or doc).span or expr.span,
                                "the policy has no literal `Statement` list"))
    grants = []
    for st in items:
        g = _grant(st, problems)
        if g is not None:
            grants.append(g)
    return S3Policy(expr, doc, tuple(grants), tuple(problems),
                    E.str_value(E.obj_get(doc, "Version")))


def _document(expr: E.Expr) -> E.Object | None:
    if isinstance(expr, E.Call) and expr.name == "jsonencode" and len(expr.args) == 1:
        arg = expr.args[0]
        return arg if isinstance(arg, E.Object) else None
    if isinstance(expr, (E.Literal, E.Template)):
        return _from_json(expr)
    return None


def _from_json(expr: E.Literal | E.Template) -> E.Object | None:
    """JSON text -> HCL object; each `${x}` survives as an interpolation inside its string."""
    holes: list[E.Interp] = []
    text = ""
    parts = (expr.value,) if isinstance(expr, E.Literal) else expr.parts
    for p in parts:
        if isinstance(p, str):
            text += p
        elif isinstance(p, E.Interp):
            text += _HOLE.format(len(holes))
            holes.append(p)
        else:
            return None  # %{ } directives build the JSON: it is not static
    try:
        data = json.loads(text, strict=False)  # the holes are control characters
    except (json.JSONDecodeError, TypeError):
        return None
    out = _to_expr(data, holes, expr.span)
    return out if isinstance(out, E.Object) else None


def _to_expr(v: object, holes: list[E.Interp], span: Span | None) -> E.Expr:
    if isinstance(v, dict):
        return E.Object(tuple((E.Literal(k, span=span), _to_expr(x, holes, span))
                              for k, x in v.items()), span=span)
    if isinstance(v, list):
        return E.Tuple(tuple(_to_expr(x, holes, span) for x in v), span=span)
    if isinstance(v, str) and "\x00" in v:
        parts: list[E.TemplatePart] = []
        for i, piece in enumerate(re.split("\x00", v)):
            if i % 2 == 0:
                if piece:
                    parts.append(piece)
            else:
                parts.append(holes[int(piece)])
        return E.unwrap(E.Template(tuple(parts), span=span))
    return E.Literal(v if isinstance(v, (str, int, float, bool)) or v is None else str(v),
                     span=span)


def is_public(principal: E.Expr | None) -> bool:
    """`"*"`, `{AWS = "*"}` or `{AWS = ["*"]}`: anyone, signed or not."""
    if principal is None:
        return False
    aws = E.obj_get(principal, "AWS")
    who = E.str_value(principal) or E.str_value(aws)
    if who is None and isinstance(aws, E.Tuple) and len(aws.items) == 1:
        who = E.str_value(aws.items[0])
    return who == "*"


def _items(v: E.Expr | None) -> tuple[E.Expr, ...]:
    if isinstance(v, E.Tuple):
        return v.items
    return (v,) if v is not None else ()


def _grant(st: E.Expr, problems: list[Problem]) -> Grant | None:
    if not isinstance(st, E.Object):
        problems.append(Problem(st.span, "a statement is computed"))
        return None
    effect = (E.str_value(E.obj_get(st, "Effect")) or "").lower()
    if effect not in ("allow", "deny"):
        problems.append(Problem(st.span, "a statement has no literal Effect Allow or Deny"))
        return None
    inverted = tuple(k for k in ("NotAction", "NotResource", "NotPrincipal")
                     if E.obj_get(st, k) is not None)
    actions: list[str] = []
    for a in _items(E.obj_get(st, "Action") or E.obj_get(st, "NotAction")):
        s = E.str_value(a)
        if s is None:
            problems.append(Problem(a.span or st.span, "an action is computed"))
            continue
        actions.append(s)
    verbs: set[Verb] = set()
    for a in actions:
        verbs |= verbs_of(a)
    buckets = []
    for res in _items(E.obj_get(st, "Resource") or E.obj_get(st, "NotResource")):
        ref = bucket_ref(res)
        if ref is None:
            problems.append(Problem(res.span or st.span, "a resource is not an "
                                    f"`{ARN}...` ARN"))
            continue
        buckets.append(ref)
    principal = E.obj_get(st, "Principal") or E.obj_get(st, "NotPrincipal")
    return Grant(effect, frozenset(verbs), tuple(actions), tuple(buckets), st,
                 E.str_value(E.obj_get(st, "Sid")), E.obj_get(st, "Condition"), principal,
                 tuple(a for a in actions if not _known(a)), inverted)


def bucket_ref(res: E.Expr) -> BucketRef | None:
    """`arn:aws:s3:::NAME`, `arn:aws:s3:::NAME/*`, `"arn:aws:s3:::${x.name}/logs/*"`."""
    s = E.str_value(res)
    if s is not None:
        if not s.startswith(ARN):
            return None
        name, slash, key = s[len(ARN):].partition("/")
        if not name or name == "*":
            return BucketRef(res, None, None, key if slash else None)
        return BucketRef(res, E.Literal(name, span=res.span), name, key if slash else None)
    if not (isinstance(res, E.Template) and res.parts and isinstance(res.parts[0], str)
            and res.parts[0].startswith(ARN)):
        return None
    parts = list(res.parts)
    parts[0] = parts[0][len(ARN):]
    name_parts: list[E.TemplatePart] = []
    tkey: str | None = None
    for i, p in enumerate(parts):
        if isinstance(p, str) and "/" in p:
            head, _, rest = p.partition("/")
            if head:
                name_parts.append(head)
            tail = "".join(x if isinstance(x, str) else "${...}" for x in parts[i + 1:])
            tkey = rest + tail
            break
        if p != "":
            name_parts.append(p)
    only = name_parts[0] if len(name_parts) == 1 else None
    tname = only.expr if isinstance(only, E.Interp) else E.Template(tuple(name_parts),
                                                                     span=res.span)
    return BucketRef(res, tname, E.str_value(tname), tkey)
