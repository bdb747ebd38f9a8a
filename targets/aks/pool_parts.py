"""Parts of an AKS node pool: its name, zones, node labels and taints (strings)."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..mapping import data_table
from ..tfbase import dyntemplate, naming
from ..tfbase.context import Ctx
from ..tfbase.values import map_value
from . import common as C
from .kube_data import note, table

_POOL_NAME = "azurerm_kubernetes_cluster_node_pool.name"


def name(ctx: Ctx, node: N.Resource, written: E.Expr | None) -> E.Expr:
    """The OVH name (or the label). A literal one is the naming pass's (aks/naming.json, the
    12-character lowercase alphanumeric rule of Linux pools: rewritten, IT324); a computed
    one is wrapped here with that rule (IT301 says why here rather than the pass's IT325):
    letters and digits only and, past 12, a cut that keeps a hash of the whole value, so
    `general-purpose-${x}` for two values of x stays two pool names."""
    if written is None:
        return E.Literal(node.name)
    if E.str_value(written) is not None:
        return written
    note(ctx, "pool.name_computed", written.span or node.span, address=node.address)
    rules = data_table("aks/naming.json")
    assert rules is not None  # shipped with the target
    return naming.field_style(rules, _POOL_NAME).wrap(written)


def zones(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> None:
    """zones ["1", "2", "3"] from the pool's OVH zones (absent: AKS's regional placement)."""
    z = spec.zones
    if z is None:
        return
    if not isinstance(z, E.Tuple):
        note(ctx, "pool.zones_computed", z.span or node.span, address=node.address)
    b.set("zones", map_value(z, node, ctx, "zone", lambda s: C.zone_of(ctx, s)))


def _taint_text(ctx: Ctx, node: N.Resource, t: K.Taint) -> E.Expr:
    """"key=value:Effect", AKS's form; a literal string when every part is one."""
    key = ctx.rewrite(t.key, node.module)
    value = ctx.rewrite(t.value, node.module) if t.value is not None else E.Literal("")
    effect = E.Literal(t.effect.value) if t.effect else \
        ctx.rewrite(t.effect_source or E.Literal("NoSchedule"), node.module)
    parts = [E.str_value(p) for p in (key, value, effect)]
    if all(p is not None for p in parts):
        k, v, e = parts
        return E.Literal(f"{k}={v}:{e}" if v else f"{k}:{e}")
    def piece(p: E.Expr) -> str:
        s = E.str_value(p)
        return s.replace("$", "$$") if s is not None else "${" + to_hcl(p) + "}"
    return parse_expression_text(f'"{piece(key)}={piece(value)}:{piece(effect)}"', "<aks>")


def labels_taints(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
                  gpu: bool) -> None:
    why = table()["not_translated"]["node_pool"]
    taints: list[E.Expr] = []
    computed: E.Expr | None = None
    if spec.dynamic_template:
        b.set("node_labels", dyntemplate.labels(ctx, node))
        found = dyntemplate.values(node, "template.spec.taints")
        if found:
            parts = [ctx.rewrite(dyntemplate._nest(lv, v, E.Tuple(), "flatten"),  # noqa: SLF001
                                 node.module) for lv, v in found]
            computed = parts[0] if len(parts) == 1 else E.Call("concat", tuple(parts))
        dyntemplate.dropped(ctx, node, {k.rsplit(".", 1)[1]: v for k, v in why.items()
                                        if k.startswith("template.")})
    else:
        if spec.labels.source is not None:
            b.set("node_labels", ctx.rewrite(spec.labels.source, node.module))
        t = spec.taints
        if t.written is K.Written.LITERAL:
            taints = [_taint_text(ctx, node, x) for x in t.items]
        elif t.written is K.Written.COMPUTED and t.source is not None:
            computed = ctx.rewrite(t.source, node.module)
    gpu_taint = table()["pool"]["gpu_taint"]
    key = gpu_taint.split("=", 1)[0]
    if gpu and not any(E.str_value(x.key) == key for x in spec.taints.items):
        taints.append(E.Literal(gpu_taint))
    if computed is not None:
        listed = parse_expression_text(
            '[for t in X : "${t.key}=${lookup(t, "value", "")}:${t.effect}"]', "<aks>")
        assert isinstance(listed, E.ForExpr)
        listed = replace(listed, collection=computed)
        b.set("node_taints", E.Call("concat", (listed, E.Tuple(tuple(taints)))) if taints
              else listed, "OVH taints as AKS's key=value:Effect strings")
    elif taints:
        b.set("node_taints", E.Tuple(tuple(taints)))
