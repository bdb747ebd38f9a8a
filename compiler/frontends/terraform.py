"""Terraform frontend: syntax-level blocks become IR nodes; OVH arguments are validated."""

from __future__ import annotations

import difflib
from typing import Any

from ..diagnostics import Sink
from ..hcl.ast import Attribute, Block, Body
from ..ir import expr as E
from ..ir import nodes as N
from ..span import Span
from . import ovh_types

META_ARGS = ("count", "for_each", "depends_on", "provider", "lifecycle")
_EXTRA_META = ("provisioner", "connection")
_LABELS = {"resource": 2, "data": 2, "variable": 1, "output": 1, "module": 1, "provider": 1,
           "locals": 0, "terraform": 0, "moved": 0, "import": 0, "removed": 0}
_META_BLOCKS = ("moved", "import", "check", "removed")


def body_to_object(body: Body) -> E.Object:
    """A nested block body as an object: attributes, then nested blocks grouped by type."""
    items, _ = _items(body)
    return E.Object(tuple((E.Var(k, span=s), v) for k, v, s in items))


def _items(body: Body) -> tuple[list[tuple[str, E.Expr, Span]], dict[str, Span]]:
    """(name, value, span) for every argument and nested-block group, in first-seen order."""
    out: list[tuple[str, E.Expr, Span]] = []
    groups: dict[str, list[E.Object | E.DynamicBlock]] = {}
    spans: dict[str, Span] = {}
    order: list[str] = []
    for item in body.items:
        if isinstance(item, Attribute):
            out.append((item.name, item.expr, item.span))
            spans[item.name] = item.span
            continue
        if item.type == "dynamic" and item.labels:
            label = item.labels[0]
            value: E.Object | E.DynamicBlock = _dynamic(item)
        else:
            label = item.type
            value = E.Object(body_to_object(item.body).items, item.labels, span=item.span)
        if label not in groups:
            groups[label] = []
            order.append(label)
            spans[label] = item.span
        groups[label].append(value)
    for label in order:
        seq = E.BlockSeq(tuple(groups[label]), span=spans[label])
        out.append((label, seq, spans[label]))
    return out, spans


def _dynamic(block: Block) -> E.DynamicBlock:
    body = block.body
    content = next(body.blocks("content"), None)
    it = body.attr("iterator")
    for_each = body.attr("for_each")
    labels = body.attr("labels")
    return E.DynamicBlock(
        block.labels[0],
        for_each.expr if for_each else E.Literal(None),
        body_to_object(content.body) if content else E.Object(),
        iterator=(it.expr.name if it and isinstance(it.expr, E.Var) else None),
        labels=labels.expr if labels else None,
        span=block.span)


def _identifier(s: str) -> bool:
    """HCL's rule for a name: a letter or underscore, then letters, digits, _ or -."""
    return bool(s) and s[0] != "-" and s.replace("-", "_").isidentifier()


def _names_valid(block: Block, sink: Sink) -> bool:
    """Whether the block's name labels are names Terraform accepts (else IT104: Terraform
    stops at `Invalid resource name`, and an address made of it reads as arithmetic)."""
    named = {"resource": 2, "data": 2, "variable": 1, "output": 1, "module": 1,
             "provider": 1}.get(block.type, 0)
    for k, label in enumerate(block.labels[:named]):
        if not _identifier(label):
            where = block.label_spans[k] if k < len(block.label_spans) else block.span
            sink.add("IT104", where, f"`{label}` is not a valid {block.type} name",
                     "A name starts with a letter or underscore and holds only letters, "
                     "digits, underscores and dashes (Terraform rejects others).")
            return False
    return True


def node_from_block(block: Block, module: str, sink: Sink) -> N.Node | None:
    """Build the IR node of one top-level block (None, with a diagnostic, if malformed)."""
    want = _LABELS.get(block.type)
    if block.type == "check":
        want = 1
    if want is not None and len(block.labels) != want:
        sink.add("IT104", block.span,
                 f"a {block.type} block takes {want} label(s), found {len(block.labels)}")
        return None
    if not _names_valid(block, sink):
        return None
    items, spans = _items(block.body)
    args = tuple((k, v) for k, v, _ in items)
    arg_spans = tuple(x for k, s in spans.items() for x in (k, s))  # (flat: see N.Node)
    common: dict[str, Any] = dict(span=block.span, labels=block.labels, args=args,
                                  arg_spans=arg_spans, module=module)
    t = block.type
    if t in ("resource", "data"):
        return _resource(block, common, "data" if t == "data" else "managed", sink)
    if t == "variable":
        return N.Variable(**common)
    if t == "output":
        return N.Output(**common)
    if t == "locals":
        return N.Locals(**common)
    if t == "module":
        return N.ModuleCall(**common)
    if t == "provider":
        return N.Provider(**common)
    if t == "terraform":
        return N.TerraformSettings(**common)
    if t in _META_BLOCKS:
        # moved/import/removed about OVH resources are dropped with IT302 by the target:
        # one diagnostic for the block, not "kept" and "not translated" on the same line.
        about_ovh = t in ("moved", "import", "removed") and any(
            (tr := E.traversal(sub)) is not None and tr[0].startswith("ovh_")
            for _, v in args for sub in E.walk(v))
        if not about_ovh:
            sink.add("IT205", block.span, f"`{t}` block kept as written")
        return N.MetaBlock(**common, block_type=t)
    sink.add("IT104", block.span, f"unknown top-level block type `{t}`; it is ignored",
             "Terraform only accepts resource, data, variable, output, locals, module, "
             "provider, terraform, moved, import, check and removed blocks.")
    return None


def _resource(block: Block, common: dict[str, Any], mode: str, sink: Sink) -> N.Resource:
    type_ = block.labels[0]
    cls, canonical = ovh_types.classify(type_, mode)
    meta_kw: dict[str, Any] = {}
    extra: list[tuple[str, E.Expr]] = []
    kept: list[tuple[str, E.Expr]] = []
    for pair in common["args"]:
        k, v = pair
        if k in META_ARGS:
            meta_kw[k] = v
        elif k in _EXTRA_META:
            extra.append(pair)
        else:
            kept.append(pair)  # (the same pair: a copy each was 7 MB at 20,000 resources)
    if len(kept) < len(common["args"]):
        common = dict(common, args=tuple(kept))
    node = cls(**common, type=type_, canonical_type=canonical, mode=mode,
               meta=N.Meta(**meta_kw, extra=tuple(extra)))
    if type_.startswith("ovh_"):
        _check_ovh(node, block, sink)
    return node


def _check_ovh(node: N.Resource, block: Block, sink: Sink) -> None:
    what = "data source" if node.mode == "data" else "resource type"
    schema = ovh_types.type_schema(node.canonical_type, node.mode)
    label_span = block.label_spans[0] if block.label_spans else block.span
    if schema is None:
        if not node.type.startswith("ovh_cloud"):
            return  # DNS, IAM, dedicated servers...: real OVH types outside Public Cloud
        known = ovh_types.schema()["data_sources" if node.mode == "data" else "resources"]
        sug = difflib.get_close_matches(node.type, list(known), n=1, cutoff=0.8)
        hint = f"did you mean `{sug[0]}`?" if sug else ""
        sink.add("IT201", label_span, f"unknown OVH {what} `{node.type}`", hint)
        return
    note = ovh_types.REMOVED_NOTES.get(node.canonical_type)
    if note or node.type in ("ovh_cloud_network_private", "ovh_cloud_network_private_subnet",
                             "ovh_cloud_user"):
        sink.add("IT203", label_span, f"`{node.type}` is {note or 'a pre-1.0 name'}",
                 f"read as `{node.canonical_type}`" if node.type != node.canonical_type else "")
    _check_body(node.type, block.body, schema, sink, True, label_span)


def _check_body(where: str, body: Body, schema: dict[str, Any], sink: Sink, top: bool,
                span: Span, enforce: str = "all") -> None:
    """Unknown and missing arguments. Below an optional block (`template`), what its schema
    calls required is not (the provider fills absent metadata/spec): `enforce` is "all",
    "args" (an optional block of the resource: its own required arguments only) or "none"."""
    args: dict[str, str] = schema.get("args", {})
    blocks: dict[str, Any] = schema.get("blocks", {})
    computed: list[str] = schema.get("computed", [])
    present: set[str] = set()
    for item in body.items:
        name = item.name if isinstance(item, Attribute) else item.type
        if isinstance(item, Block) and item.type == "dynamic" and item.labels:
            name = item.labels[0]
        present.add(name)
        if top and name in META_ARGS + _EXTRA_META:
            continue
        if name in args:
            continue
        if name in blocks:
            if isinstance(item, Block):
                inner = item.body
                if item.type == "dynamic":
                    content = next(item.body.blocks("content"), None)
                    inner = content.body if content else Body()
                required = blocks[name].get("min", 0) >= 1
                _check_body(f"{where}.{name}", inner, blocks[name], sink, False, item.span,
                            "all" if enforce == "all" and required else
                            "args" if enforce == "all" and top else "none")
            continue
        if name in computed:
            sink.add("IT202", item.span,
                     f"`{name}` is computed by OVH and cannot be set on `{where}`")
            continue
        sug = difflib.get_close_matches(name, list(args) + list(blocks), n=1, cutoff=0.6)
        sink.add("IT202", item.span, f"unknown argument `{name}` on `{where}`",
                 f"did you mean `{sug[0]}`?" if sug else "it is not translated")
    if enforce == "none":
        return
    for name, flag in args.items():
        if flag == "required" and name not in present and name != "service_name":
            sink.add("IT208", span, f"`{where}` is missing the required "
                     f"argument `{name}`")
    if enforce != "all":
        return
    for name, b in blocks.items():
        if b.get("min", 0) >= 1 and name not in present:
            sink.add("IT208", span, f"`{where}` is missing the required "
                     f"block `{name}`")
