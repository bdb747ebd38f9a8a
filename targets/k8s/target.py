"""The Kubernetes target: one multi-document YAML file per AI workload, a kustomization."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..mapping import Tables
from ..yamlwrite import dump_all
from . import export, exposure, objects, secretfiles, selfcheck

GATEWAY = "public-gateway"


class K8sTarget:
    NAME = "k8s"
    INPUT = "ai"  # this target reads AI workloads, not Terraform

    def translate_ai(self, workloads: list[ai.AiWorkload], tables: Tables, sink: Sink,
                     options: Any, exports: dict[str, list[Any]] | None = None
                     ) -> dict[str, str]:
        files: dict[str, str] = {}
        written: list[selfcheck.Group] = []
        specs: list[secretfiles.SecretSpec] = []
        for rel, items in sorted((exports or {}).items()):
            cleaned, needed = export.clean(items, sink)
            specs += needed
            where = {_ident(i.obj): i.span for i in items}
            written += [(where.get(_ident(obj)), [obj]) for obj in cleaned]
            for obj in cleaned:  # provenance for the migration report
                if _ident(obj) in where:
                    sink.produced(where[_ident(obj)], "/".join(_ident(obj)))
            if cleaned:
                files[f"exported/{rel}"] = dump_all(cleaned)
        opts = objects.Options.of(options, GATEWAY)
        for w in workloads:
            objs, needed = objects.build(w, tables, sink, opts)
            path = f"{objects.workload_name(objs)}.yaml"
            if path in files:
                sink.add("IT004", w.span, f"two workloads are named "
                         f"`{objects.workload_name(objs)}`; the second is not written")
                continue
            files[path] = dump_all(objs)
            specs += needed
            written.append((w.span, objs))
            for obj in objs:
                sink.produced(w.span, "/".join(_ident(obj)))
        if opts.facts is not None:
            # Estate runs: the cluster is the translated one, its classes are known.
            files.update(exposure.for_cluster(files, opts.facts, GATEWAY, sink))
        else:
            exposure.for_existing(files, opts.cluster, GATEWAY, sink)
        specs = secretfiles.merged(specs)
        secretfiles.report_kustomize(specs, sink)
        selfcheck.check(written, sink)  # last: reads the objects exactly as written
        if not files:
            return files
        files.update(secretfiles.files(specs, sorted(files)))
        return files


def _ident(obj: dict[str, Any]) -> tuple[str, str]:
    """(kind, name) of a manifest, for provenance."""
    meta = obj.get("metadata")
    name = meta.get("name", "") if isinstance(meta, dict) else ""
    return str(obj.get("kind", "")), str(name)
