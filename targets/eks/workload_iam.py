"""Estate runs: the S3 access of the Mountpoint CSI driver that mounts the workloads' buckets."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.generated import header
from iac_translate.compiler.span import Span

from ..clusterfacts import ClusterFacts
from ..hclwrite import render_blocks
from ..tfbase import companions
from .placement import TABLE

FILE = "workloads_iam.tf"

# (bucket name, Kubernetes ServiceAccount of the pods, read only, the volume's source span)
Mount = tuple[str, str, bool, Span]


def grants(facts: ClusterFacts, mounts: list[Mount], sink: Sink) -> dict[str, str]:
    """`workloads_iam.tf` beside the cluster: an IAM role for the Mountpoint driver, bound to
    its ServiceAccount by EKS Pod Identity, allowed the buckets the workloads mount (read,
    or read and write for RW/RWD volumes)."""
    if not mounts or not facts.clusters:
        return {}
    cluster = facts.clusters[0]  # IT308 said when there are several
    path = facts.cluster_files.get(cluster)
    if path is None:
        return {}
    label = cluster.split(".", 1)[1].replace("-", "_")
    read: set[str] = set()
    write: set[str] = set()
    for bucket, account, read_only, span in sorted(mounts, key=lambda m: m[:3]):
        if bucket not in facts.buckets:
            continue  # IT347 said the Terraform does not create it
        (read if read_only else write).add(bucket)
        what = "read" if read_only else "read and write"
        pods = f"the pods of ServiceAccount `{account}`" if account else "its pods"
        sink.add("IT346", span, f"{pods} {what} bucket "
                 f"`{bucket}` through the Mountpoint CSI driver of {cluster}: its IAM role "
                 f"({FILE}) is allowed the bucket, by EKS Pod Identity",
                 "every pod on the cluster that mounts through the driver gets the same "
                 "access; the PersistentVolume's readOnly keeps RO mounts read-only")
    if not read | write:
        return {}
    every = sorted(read | write)
    blocks = companions.blocks(companions.table(TABLE), "s3_csi_access", {
        "role": f"{label}_s3_csi", "prefix": f"{label}-s3-csi-"[:38].replace("_", "-"),
        "cluster": cluster, "buckets": [f"arn:aws:s3:::{n}" for n in every],
        "objects": [f"arn:aws:s3:::{n}/*" for n in every],
        "writable": [f"arn:aws:s3:::{n}/*" for n in sorted(write)]})
    d = posixpath.dirname(path)
    return {posixpath.join(d, FILE): header(None) + "\n\n" + render_blocks(blocks)}
