"""The Helm target: one chart following `helm create` conventions for all AI workloads."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jinja2
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..k8s import export, exposure, objects, selfcheck
from ..k8s.secretfiles import SecretSpec, create_command, merged
from ..k8s.target import GATEWAY
from ..mapping import Tables
from ..yamlwrite import dump_all
from . import identity
from .comments import client_id_comments, placeholder_comments, secret_comments
from .lift import escape, lift
from .names import secret_key
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
        """The chart's files, relative to the chart directory (the output directory itself, so
        `helm install NAME OUT` works)."""
        opts = objects.Options.of(options, GATEWAY)
        # Each workload's diagnostics wait in a scratch sink until its values are known:
        # an IT355 then names the chart value that sets the client id (identity.transfer).
        scratches = [Sink() for _ in workloads]
        built = [(w, *objects.build(w, tables, scratch, opts))
                 for w, scratch in zip(workloads, scratches)]
        names = [objects.workload_name(objs) for _, objs, _ in built]
        chart = getattr(options, "chart_name", "") or (
            names[0] if len(names) == 1 else "ai-workloads")
        files: dict[str, str] = {}
        values: dict[str, Any] = {"nameOverride": "", "fullnameOverride": "", "workloads": {}}
        needed: list[tuple[str, SecretSpec]] = []  # (values path of its name, Secret)
        for (w, objs, specs), name, scratch in zip(built, names, scratches):
            if name in values["workloads"]:
                identity.transfer(scratch, sink, {})
                sink.add("IT004", w.span, f"two workloads are named `{name}`; the second is "
                         "not written")
                continue
            template, wvalues = lift(objs, name, chart, [s.name for s in specs])
            identity.transfer(scratch, sink, identity.value_paths(name, wvalues))
            files[f"templates/{name}.yaml"] = template
            values["workloads"][name] = wvalues
            needed += [(f"workloads.{name}.secrets.{secret_key(name, s.name)}.existingSecret",
                        s) for s in specs]
        written: list[selfcheck.Group] = [(w.span, objs) for w, objs, _ in built]
        for w, objs, _ in built:  # provenance for the report (names before templating)
            for obj in objs:
                sink.produced(w.span, f"{obj['kind']}/{obj['metadata']['name']}")
        for rel, items in sorted((exports or {}).items()):
            cleaned, specs = export.clean(items, sink)
            needed += [("", s) for s in merged(specs)]
            written.append((items[0].span if items else None, cleaned))
            if cleaned:
                stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                # Exported objects keep their names and namespaces (they are the old
                # cluster's): one release installs them, the others set exported.enabled=false.
                files[f"templates/exported-{stem}.yaml"] = (
                    "{{- if .Values.exported.enabled }}\n" + escape(dump_all(cleaned))
                    + "{{- end }}\n")
                values["exported"] = {"enabled": True}
        if opts.facts is not None:  # estate runs: the Gateway of the translated cluster
            for path, text in exposure.for_cluster(files, opts.facts, GATEWAY, sink).items():
                # One release creates it; the others set gateway.create=false.
                files[f"templates/{path}"] = ("{{- if .Values.gateway.create }}\n"
                                              + escape(text) + "{{- end }}\n")
                values["gateway"] = {"create": True}
        for path, s in needed:
            _report(s, path, sink)
        selfcheck.check(written, sink)  # the chart's default values render these objects
        files.update(_scaffold(chart, built, names, needed, workloads, exports))
        files["values.yaml"] = client_id_comments(placeholder_comments(secret_comments(
            dump_all([values])[len("---\n"):], {s.name: s.keys for _, s in needed}),
            {n: w.placeholders for (w, _, _), n in zip(built, names) if w.placeholders}))
        files["values.schema.json"] = json.dumps(values_schema(values), indent=2,
                                                 sort_keys=True) + "\n"
        return dict(sorted(files.items()))


def _report(s: SecretSpec, path: str, sink: Sink) -> None:
    """IT344: the chart reads the Secret and never creates it; how to create it."""
    where = f"named by value `{path}`" if path else \
        f"exported{', namespace `' + s.namespace + '`' if s.namespace else ''}"
    sink.add("IT344", s.span, f"the chart reads Secret `{s.name}` ({where}; keys "
             f"{', '.join(s.keys)}) and does not create it",
             f"before `helm install`: {create_command(s, 'NAMESPACE')}")


def _scaffold(chart: str, built: list[Any], names: list[str], needed: list[tuple[str, Any]],
              workloads: list[ai.AiWorkload], exports: dict[str, list[Any]] | None
              ) -> dict[str, str]:
    env = _env()
    sources = ", ".join(sorted({w.span.file for w in workloads} | set(exports or {})))
    secrets = [{"expr": _value_expr(path) if path else "", "name": s.name,
                "namespace": s.namespace,
                "literals": "".join(f" --from-literal={k}=..." for k in s.keys)}
               for path, s in needed]
    return {
        "Chart.yaml": env.get_template("Chart.yaml.j2").render(
            name=chart, sources=json.dumps(sources),
            description=json.dumps("OVHcloud AI workloads translated by iac-translate")),
        "templates/_helpers.tpl": env.get_template("_helpers.tpl.j2").render(name=chart),
        "templates/NOTES.txt": env.get_template("NOTES.txt.j2").render(
            name=chart, secrets=secrets,
            workloads=[{"name": n, "kind": w.kind} for (w, _, _), n in zip(built, names)]
        ).rstrip("\n") + "\n",
        ".helmignore": env.get_template("helmignore.txt").render()}


def _value_expr(path: str) -> str:
    """`workloads.w.secrets.env.existingSecret` -> the template expression reading it."""
    _, workload, _, key, _ = path.split(".")
    return f'(index (index .Values.workloads "{workload}").secrets "{key}").existingSecret'
