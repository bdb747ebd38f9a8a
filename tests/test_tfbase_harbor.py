"""The shared Harbor-object lowering (targets/tfbase/harbor_drop.py) and the clouds using it."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R
from iac_translate.compiler.span import Span
from iac_translate.targets.aks import registry as AKS
from iac_translate.targets.hclwrite import render_blocks
from iac_translate.targets.scaleway import registry as SCW
from iac_translate.targets.tfbase.harbor_drop import harbor_lowering

SPAN = Span("main.tf", 3, 1)


class Sink:
    def __init__(self) -> None:
        self.added: list[tuple[str, Any, str, str]] = []

    def add(self, code: str, span: Any, message: str, help: str = "") -> None:
        self.added.append((code, span, message, help))


class FakeCtx:
    """What the lowering uses of a Ctx: its sink and emit."""

    def __init__(self) -> None:
        self.sink = Sink()
        self.emitted: list[Any] = []

    def emit(self, span: Any, block: Any, file: Any = None) -> Any:
        self.emitted.append(block)
        return block


def harbor(kind: str = "harbor_robot_account") -> N.Resource:
    return N.Resource(span=SPAN, labels=(kind, "bot"), type=kind, meta=N.Meta())


def test_reported_at_the_resource_with_the_registry_and_what_to_use() -> None:
    seen: list[R.HarborObject] = []
    lower = harbor_lowering("Some Registry", lambda obj: seen.append(obj) or f"x-{obj.value}")
    ctx = FakeCtx()
    node = harbor()
    lower(ctx, node)  # type: ignore[arg-type]
    assert seen == [R.HarborObject.ROBOT]
    [(code, span, message, help)] = ctx.sink.added
    assert code == "IT305" and span == SPAN
    assert message == (f"{node.address} is a Harbor object; Some Registry is not Harbor, so "
                       "it would fail at apply and is not kept")
    assert help == "use x-robot"
    out = render_blocks(ctx.emitted)
    assert f"TODO(IT305): {node.address} (Harbor) was not translated; use x-robot." in out
    assert "resource" not in out  # a note only: nothing Harbor-shaped is applied


def test_each_cloud_names_its_registry_and_its_table() -> None:
    for module, registry in ((SCW, "Scaleway Container Registry"),
                             (AKS, "Azure Container Registry")):
        ctx = FakeCtx()
        module.lower_harbor(ctx, harbor("harbor_project"))  # type: ignore[arg-type]
        [(_, _, message, help)] = ctx.sink.added
        assert f"; {registry} is not Harbor" in message
        want = module.iam.table()["harbor_instead"]["namespace"]
        assert help == f"use {want}"
    assert SCW.LOWER["Harbor"] is SCW.lower_harbor and AKS.LOWER["Harbor"] is AKS.lower_harbor
