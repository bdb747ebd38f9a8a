"""OVH (and S3) bucket lifecycle rules read once into neutral rules for any target."""

from __future__ import annotations

from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .geo import Location, read_location
from .reader import Reader


@dataclass(frozen=True, slots=True)
class Filter:
    prefix: E.Expr | None = None
    tags: E.Expr | None = None
    size_greater_than: E.Expr | None = None  # bytes
    size_less_than: E.Expr | None = None
    source: E.Expr | None = None
    conjunction: E.Expr | None = None  # `and`: predicates combined (S3's own spelling)

    @property
    def narrows(self) -> tuple[str, ...]:
        """The conditions besides the prefix (a target without them must not drop them)."""
        return tuple(k for k, v in (("tags", self.tags), ("object_size_greater_than",
                                    self.size_greater_than), ("object_size_less_than",
                                    self.size_less_than)) if v is not None)


@dataclass(frozen=True, slots=True)
class Transition:
    source: E.Object
    storage_class: str | None  # the S3 class name as written (STANDARD_IA, GLACIER...)
    days: E.Expr | None = None  # days after creation (or after becoming noncurrent)
    date: E.Expr | None = None
    newer_versions: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class Expiration:
    source: E.Object
    days: E.Expr | None = None
    date: E.Expr | None = None
    delete_markers: E.Expr | None = None  # expired_object_delete_marker


@dataclass(frozen=True, slots=True)
class NoncurrentExpiration:
    source: E.Object
    days: E.Expr | None = None
    newer_versions: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class LifecycleRule:
    source: E.Object
    id: E.Expr | None
    enabled: bool | None  # None: computed status
    status: E.Expr | None
    filter: Filter
    expiration: Expiration | None = None
    transitions: tuple[Transition, ...] = ()
    noncurrent_expiration: NoncurrentExpiration | None = None
    noncurrent_transitions: tuple[Transition, ...] = ()
    abort_multipart_days: E.Expr | None = None
    abort_source: E.Object | None = None


@dataclass(frozen=True, slots=True)
class LifecycleSpec:
    bucket: E.Expr | None  # container_name as written (a reference or a literal name)
    location: Location
    rules: tuple[LifecycleRule, ...] | None  # None: the rules come from an expression
    rules_source: E.Expr | None = None
    computed_rules: tuple[E.Expr, ...] = ()  # rules of the list that are expressions


def _objects(v: E.Expr | None) -> tuple[E.Object, ...]:
    if isinstance(v, E.Tuple):
        return tuple(i for i in v.items if isinstance(i, E.Object))
    return (v,) if isinstance(v, E.Object) else ()


def _transition(t: E.Object, days_key: str) -> Transition:
    return Transition(t, E.str_value(E.obj_get(t, "storage_class")), E.obj_get(t, days_key),
                      E.obj_get(t, "date"), E.obj_get(t, "newer_noncurrent_versions"))


def read_rule(rule: E.Object) -> LifecycleRule:
    status = E.obj_get(rule, "status")
    s = E.str_value(status)
    f = E.obj_get(rule, "filter")
    flt = Filter(E.obj_get(f, "prefix") if f is not None else E.obj_get(rule, "prefix"),
                 E.obj_get(f, "tags"), E.obj_get(f, "object_size_greater_than"),
                 E.obj_get(f, "object_size_less_than"), f, E.obj_get(f, "and"))
    exp = E.obj_get(rule, "expiration")
    nve = E.obj_get(rule, "noncurrent_version_expiration")
    abort = E.obj_get(rule, "abort_incomplete_multipart_upload")
    return LifecycleRule(
        rule, E.obj_get(rule, "id"), None if s is None else s.lower() == "enabled", status, flt,
        Expiration(exp, E.obj_get(exp, "days"), E.obj_get(exp, "date"),
                   E.obj_get(exp, "expired_object_delete_marker"))
        if isinstance(exp, E.Object) else None,
        tuple(_transition(t, "days") for t in _objects(E.obj_get(rule, "transitions"))),
        NoncurrentExpiration(nve, E.obj_get(nve, "noncurrent_days"),
                             E.obj_get(nve, "newer_noncurrent_versions"))
        if isinstance(nve, E.Object) else None,
        tuple(_transition(t, "noncurrent_days")
              for t in _objects(E.obj_get(rule, "noncurrent_version_transitions"))),
        E.obj_get(abort, "days_after_initiation") if isinstance(abort, E.Object) else None,
        abort if isinstance(abort, E.Object) else None)


# aws_s3_bucket_lifecycle_configuration blocks -> the OVH rule shape read_rule knows.
_AWS_LISTS = {"transition": "transitions",
              "noncurrent_version_transition": "noncurrent_version_transitions"}


def read_s3_rule(rule: E.Object) -> LifecycleRule:
    """A `rule` block of aws_s3_bucket_lifecycle_configuration (S3 on OVH): the same S3
    rule with nested blocks instead of objects."""
    items: list[tuple[E.Expr, E.Expr]] = []
    for k, v in rule.items:
        name = E.key_name(k) or ""
        if name in _AWS_LISTS and isinstance(v, E.BlockSeq):
            items.append((E.Var(_AWS_LISTS[name], span=k.span),
                          E.Tuple(tuple(i for i in v.items if isinstance(i, E.Object)),
                                  span=v.span)))
        elif name == "filter" and (f := N.first_object(v)) is not None:
            items.append((k, _s3_filter(f)))
        elif isinstance(v, E.BlockSeq):
            items.append((k, N.first_object(v) or v))
        else:
            items.append((k, v))
    return read_rule(E.Object(tuple(items), span=rule.span))


def _s3_filter(f: E.Object) -> E.Object:
    """`tag { key, value }` is the one-tag form of `tags`; `and` is a block too."""
    items: list[tuple[E.Expr, E.Expr]] = []
    for k, v in f.items:
        name = E.key_name(k)
        body = N.first_object(v) if isinstance(v, E.BlockSeq) else v
        if name == "tag" and body is not None and (key := E.obj_get(body, "key")) is not None:
            items.append((E.Var("tags", span=k.span), E.Object(
                ((key, E.obj_get(body, "value") or E.Literal("")),), span=body.span)))
        else:
            items.append((k, body if body is not None else v))
    return E.Object(tuple(items), span=f.span)


def read_lifecycle(r: Reader, node: N.Resource) -> LifecycleSpec:
    rules = node.get("rules")
    loc = read_location(r, node, node.get("region_name"))
    if not isinstance(rules, E.Tuple):
        return LifecycleSpec(node.get("container_name"), loc, None, rules)
    return LifecycleSpec(node.get("container_name"), loc,
                         tuple(read_rule(x) for x in rules.items if isinstance(x, E.Object)),
                         rules, tuple(x for x in rules.items if not isinstance(x, E.Object)))
