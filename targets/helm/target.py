"""The Helm target: one chart following `helm create` conventions for all AI workloads."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jinja2
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..k8s import export, objects, selfcheck
from ..k8s.target import GATEWAY
from ..mapping import Tables
from ..yamlwrite import dump_all
from .comments import placeholder_comments
from .lift import lift
from .schema import values_schema


def _env() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: resources.files("iac_translate.targets").joinpath(
        f"helm/scaffold/{name}").read_text("utf-8"))
    return jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True, autoescape=False)


class HelmTarget:
    NAME = "helm"
    INPUT = "ai"

    def translate_ai(self, workloads: list[ai.AiWorkload], tables: Tables, sink: Sink,
                     options: Any, exports: dict[str, list[Any]] | None = None
                     ) -> dict[str, str]:
        opts = objects.Options.of(options, GATEWAY)
        built = [(w, objects.build(w, tables, sink, opts)) for w in workloads]
        names = [objs[0]["metadata"]["name"] for _, objs in built]
        chart = names[0] if len(names) == 1 else "ai-workloads"
        files: dict[str, str] = {}
        values: dict[str, Any] = {"nameOverride": "", "workloads": {}}
        for (w, objs), name in zip(built, names):
            if name in values["workloads"]:
                sink.add("IT004", w.span, f"two workloads are named `{name}`; the second is "
                         "not written")
                continue
            template, wvalues = lift(objs, name, chart)
            files[f"{chart}/templates/{name}.yaml"] = template
            values["workloads"][name] = wvalues
        written: list[selfcheck.Group] = [(w.span, objs) for w, objs in built]
        for rel, items in sorted((exports or {}).items()):
            cleaned = export.clean(items, sink)
            written.append((items[0].span if items else None, cleaned))
            if cleaned:
                stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                files[f"{chart}/templates/exported-{stem}.yaml"] = dump_all(cleaned)
        selfcheck.check(written, sink)  # the chart's default values render these objects
        env = _env()
        sources = ", ".join(sorted({w.span.file for w in workloads} | set(exports or {})))
        files[f"{chart}/Chart.yaml"] = env.get_template("Chart.yaml.j2").render(
            name=chart, sources=json.dumps(sources),
            description=json.dumps("OVHcloud AI workloads translated by iac-translate"))
        files[f"{chart}/templates/_helpers.tpl"] = env.get_template("_helpers.tpl.j2").render(
            name=chart)
        files[f"{chart}/templates/NOTES.txt"] = env.get_template("NOTES.txt.j2").render(
            name=chart, workloads=[{"name": n, "kind": w.kind} for (w, _), n in zip(built, names)])
        files[f"{chart}/.helmignore"] = env.get_template("helmignore.txt").render()
        files[f"{chart}/values.yaml"] = placeholder_comments(
            dump_all([values])[len("---\n"):],
            {n: w.placeholders for (w, _), n in zip(built, names) if w.placeholders})
        files[f"{chart}/values.schema.json"] = json.dumps(values_schema(values), indent=2,
                                                          sort_keys=True) + "\n"
        return dict(sorted(files.items()))
