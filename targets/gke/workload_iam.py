"""Estate runs: bucket grants for the Kubernetes service accounts of the pods that mount them."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.generated import header
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from ..clusterfacts import ClusterFacts
from ..hclwrite import TfBlock, render_blocks
from ..tfbase.scaffold_names import free_name
from . import common as C

FILE = "workloads_iam.tf"
NAMESPACE_VAR = "workloads_namespace"
PROJECT = "data.google_project.workloads"
# OVH volume permissions: RO reads; RW and RWD write (and delete) objects.
_ROLES = {True: "roles/storage.objectViewer", False: "roles/storage.objectUser"}


# (bucket name, Kubernetes ServiceAccount of the pods, read only, the volume's source span)
Mount = tuple[str, str, bool, Span]


def grants(facts: ClusterFacts, mounts: list[Mount], sink: Sink) -> dict[str, str]:
    """`workloads_iam.tf` beside each bucket the workloads mount (path -> text): one IAM
    member per (bucket, account, role), for the account's Workload Identity principal."""
    per_dir: dict[str, list[TfBlock]] = {}
    done: set[tuple[str, str, str]] = set()
    for bucket, account, read_only, span in sorted(mounts, key=lambda m: m[:3]):
        address = facts.buckets.get(bucket)
        path = facts.bucket_files.get(address or "")
        if address is None or path is None:
            continue  # IT347 said the Terraform does not create it (or has many instances)
        role = _ROLES[read_only]
        if (address, account, role) in done:
            continue
        done.add((address, account, role))
        d = posixpath.dirname(path)
        # (a free name: the Terraform of the directory may declare a variable of the wanted one)
        ns = free_name(facts.variables.get(d, frozenset()), NAMESPACE_VAR, "gke")
        blocks = per_dir.setdefault(d, [])
        label = C.gcp_name(f"{address.split('.')[1]}-{account}").replace("-", "_")
        b = TfBlock("resource", ("google_storage_bucket_iam_member", label))
        b.set("bucket", E.ref(f"{address}.name"))
        b.set("role", E.Literal(role))
        b.set("member", C.tpl("principal://iam.googleapis.com/projects/",
                              E.ref(f"{PROJECT}.number"),
                              "/locations/global/workloadIdentityPools/",
                              E.ref(f"{PROJECT}.project_id"), ".svc.id.goog/subject/ns/",
                              E.ref(f"var.{ns}"), f"/sa/{account}"))
        blocks.append(b)
        what = "read" if read_only else "read and write"
        sink.add("IT346", span, f"ServiceAccount `{account}` may {what} bucket "
                 f"`{bucket}` ({address}, {role}) through Workload Identity, in the "
                 f"namespace of var.{ns} (default `default`)",
                 f"apply the manifests in that namespace, or set var.{ns}")
    out = {}
    for d, blocks in sorted(per_dir.items()):
        ns = free_name(facts.variables.get(d, frozenset()), NAMESPACE_VAR, "gke")
        var = TfBlock("variable", (ns,))
        var.set("description", E.Literal("Kubernetes namespace the translated AI workloads "
                                         "run in (their bucket grants name it)"))
        var.set("type", E.Var("string"))
        var.set("default", E.Literal("default"))
        project = TfBlock("data", ("google_project", "workloads"))
        out[posixpath.join(d, FILE)] = header(None) + "\n\n" + render_blocks(
            [var, project, *blocks])
    return out
