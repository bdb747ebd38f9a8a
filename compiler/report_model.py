"""What the migration report reads from the source model, kept in the cache for warm re-runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import cache, limits
from .diagnostics import Sink
from .frontends import loader
from .ir import nodes as N
from .runbook import Step, steps
from .span import Span


@dataclass(frozen=True)
class Object:
    """A resource, data source or module call the report accounts for."""

    span: Span
    address: str  # `module.NAME` for a module call
    type: str  # "module" for a module call
    kind: str  # the IR concept (lowering key); "" for a module call


def facts(inputs: Any, target: str = "gke") -> tuple[list[Object], list[Step]]:
    """The objects (sorted by file and line) and the data-move runbook of `inputs`.  A warm
    re-run reads them back instead of parsing every file a second time (the translation
    itself comes from its own entry): the key is every text, the roots and what reading
    them reported, the limits and the tool's code."""
    from .api import source_model
    if isinstance(inputs, dict) or not cache.active():
        return _of(source_model(inputs, Sink()), target)
    sink = Sink()
    sources, roots = loader.collect(list(inputs if isinstance(inputs, list) else [inputs]), sink)
    k = cache.key("report-model", target, cache.texts_part(sources.files), roots,
                  cache.options_part(limits.current()), cache.diagnostics_out(sink.sorted()))
    hit = _read(cache.get(k))
    if hit is not None:
        return hit
    from .api import kept_model  # the model `report` has just translated, if kept
    found = _of(kept_model(sources, roots) or loader.build_model(sources, roots, Sink()), target)
    cache.put(k, {"objects": [[cache.span_out(o.span), o.address, o.type, o.kind]
                              for o in found[0]],
                  "steps": [[s.source, s.kind, list(s.commands), s.notes] for s in found[1]]})
    return found


def _of(model: N.Model, target: str) -> tuple[list[Object], list[Step]]:
    objects = []
    for m in model.modules:
        for n in m.nodes:
            if n.span is None:
                continue
            if isinstance(n, N.ModuleCall):
                objects.append(Object(n.span, f"module.{n.name}", "module", ""))
            elif isinstance(n, N.Resource):
                objects.append(Object(n.span, n.address, n.type, n.KIND))
    objects.sort(key=lambda o: (o.span.file, o.span.line))
    return objects, steps(model, target)


def _read(data: Any) -> tuple[list[Object], list[Step]] | None:
    """A stored entry, or None when it is not well formed (a damaged entry is a miss)."""
    try:
        objects = [Object(Span(*s), str(a), str(t), str(k)) for s, a, t, k in data["objects"]]
        found = [Step(str(s), str(k), tuple(str(c) for c in cs), str(n))
                 for s, k, cs, n in data["steps"]]
        return objects, found
    except (TypeError, KeyError, ValueError):
        return None
