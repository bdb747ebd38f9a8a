"""What depends on the kind of AI workload: notebook editor images, Jobs and Kueue queues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..mapping import data_table
from .pod import OVH_UID


@dataclass(frozen=True)
class Runtime:
    """The image a workload runs, the port it listens on and the user it runs as."""

    image: str
    port: int
    uid: int
    gid: int
    workspace: str | None = None  # notebooks: where the workspace PVC is mounted


def runtime(w: ai.AiWorkload, sink: Sink) -> Runtime:
    if w.kind != "notebook":
        # OVHcloud AI runs containers as UID/GID 42420; keeping it keeps file permissions.
        return Runtime(w.image or "TODO-image", w.http_port or 8080, OVH_UID, OVH_UID)
    table = data_table("data/ai_notebook_images.json") or {}
    editors = table["editors"]
    editor = editors.get(w.editor or "") or editors[table["default_editor"]]
    image = editor["images"].get(w.framework or "", editor["default_image"])
    # Each community image listens on its own port and runs as its own user (Jupyter: 8888,
    # jovyan 1000/100; code-server: 8080, coder 1000/1000); forcing OVH's 42420 or 8080
    # would leave it without a writable home or unreachable.
    which = f"{w.framework or 'default'}/{w.editor or table['default_editor']}"
    sink.add("IT301", w.span, f"notebook {which} runs the community image "
             f"`{image}` (port {editor['port']}, UID {editor['uid']}); OVH's framework images "
             "and workspace backups are not reproduced")
    return Runtime(image, editor["port"], editor["uid"], editor["gid"], editor["workspace"])


def job(w: ai.AiWorkload, meta: dict[str, Any], template: dict[str, Any], queue: str,
        sink: Sink) -> dict[str, Any]:
    """A batch/v1 Job that runs at once; with a queue, a suspended Job Kueue admits."""
    labels = dict(meta["labels"])
    template["metadata"] = {"labels": dict(labels), **template["metadata"]}
    spec: dict[str, Any] = {"backoffLimit": 0}
    if queue:
        labels["kueue.x-k8s.io/queue-name"] = queue
        spec["suspend"] = True
        sink.add("IT318", w.span, f"Job `{meta['name']}` is queued in Kueue LocalQueue "
                 f"`{queue}`: it stays suspended until Kueue admits it",
                 f"install Kueue and create LocalQueue `{queue}` (with its ClusterQueue) in "
                 "the namespace, or translate without --queue for a Job that starts at once")
    if w.timeout_seconds:
        spec["activeDeadlineSeconds"] = w.timeout_seconds
    spec["template"] = template
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": dict(meta, labels=labels),
            "spec": spec}


def workspace(meta: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": f"{meta['name']}-workspace", "labels": meta["labels"]},
            "spec": {"accessModes": ["ReadWriteOnce"],
                     "resources": {"requests": {"storage": "10Gi"}}}}
