"""tfbase/reftables.py (DECLARE functions from a table) and tfbase/dropped.py (IT302 by table)."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span
from iac_translate.targets.eks import target as eks_target
from iac_translate.targets.eks.placement import platform
from iac_translate.targets.tfbase import reftables

TABLE = {"K": {"type": "t_k", "rules": {"name": "{self}.n", "cfg": "local.{mode_}{label}_cfg"}},
         "Gone": {"none": True}, "Plain": {"type": "t_p", "fallback": "{self}.arn"}}


def node(mode: str = "managed") -> N.Resource:
    return N.Resource(span=Span("main.tf", 1, 1), labels=("ovh_k", "a"), type="ovh_k", mode=mode)


def test_entry_becomes_a_ref_target():
    ref = reftables.declaring(TABLE["K"])(None, node())
    assert ref.self_ref == "t_k.a" and ref.fallback == "{self}.id"
    assert ref.rules == {"name": "{self}.n", "cfg": "local.a_cfg"}
    data = reftables.declaring(TABLE["K"])(None, node("data"))
    assert data.self_ref == "data.t_k.a" and data.rules["cfg"] == "local.data_a_cfg"
    gone = reftables.declaring(TABLE["Gone"])(None, node())
    assert gone.self_ref is None and gone.bare is None
    assert reftables.declaring(TABLE["Plain"])(None, node()).fallback == "{self}.arn"


def test_every_eks_reference_entry_is_declared_by_the_target():
    assert set(platform()["references"]) <= set(eks_target.EksTarget.DECLARE)


def test_dropped_reports_what_is_set_with_the_tables_reason():
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.ir import expr as E
    from iac_translate.targets.tfbase import dropped

    class Ctx:
        sink = Sink()
    ctx = Ctx()
    dropped.report(ctx, node(), {"a": "why a", "b": "why b", "c": "c", "d": "d"}, (
        ("a", E.Literal(3, "3")), ("b", E.Literal(False)), ("c", E.Tuple(())), ("d", None)))
    assert [(d.code, d.message) for d in ctx.sink.sorted()] == [
        ("IT302", "`a` of ovh_k.a is not translated: why a")]
