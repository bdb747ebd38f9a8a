"""Estate runs: the S3 access of the Mountpoint CSI driver that mounts the workloads' buckets."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.generated import header
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from ..clusterfacts import ClusterFacts
from ..hclwrite import TfBlock, render_blocks

FILE = "workloads_iam.tf"
# The add-on's controller and node pods run as this account in kube-system; with driver-
# level credentials (what the manifests use) every mount reads S3 as it.
DRIVER_ACCOUNT = "s3-csi-driver-sa"
_READ = ("s3:GetObject",)
_WRITE = ("s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject")

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
    role = f"{label}_s3_csi"
    blocks = [_role(role, label), _policy(role, sorted(read | write), sorted(write)),
              _association(role, cluster)]
    d = posixpath.dirname(path)
    return {posixpath.join(d, FILE): header(None) + "\n\n" + render_blocks(blocks)}


def _role(role: str, cluster: str) -> TfBlock:
    b = TfBlock("resource", ("aws_iam_role", role),
                comments=["the Mountpoint for Amazon S3 CSI driver's identity "
                          "(the buckets the translated workloads mount)"])
    b.set("name_prefix", E.Literal(f"{cluster}-s3-csi-"[:38].replace("_", "-")))
    statement = E.Object(((E.Var("Effect"), E.Literal("Allow")),
                          (E.Var("Principal"), E.Object(((E.Var("Service"),
                                                          E.Literal("pods.eks.amazonaws.com")),))),
                          (E.Var("Action"), E.Tuple((E.Literal("sts:AssumeRole"),
                                                     E.Literal("sts:TagSession"))))))
    b.set("assume_role_policy", _doc((statement,)))
    return b


def _policy(role: str, buckets: list[str], writable: list[str]) -> TfBlock:
    b = TfBlock("resource", ("aws_iam_role_policy", role))
    b.set("name", E.Literal("workload-buckets"))
    b.set("role", E.ref(f"aws_iam_role.{role}.id"))
    statements = [_statement("ListBuckets", ("s3:ListBucket",),
                             [f"arn:aws:s3:::{n}" for n in buckets]),
                  _statement("ReadObjects", _READ, [f"arn:aws:s3:::{n}/*" for n in buckets])]
    if writable:
        statements.append(_statement("WriteObjects", _WRITE,
                                     [f"arn:aws:s3:::{n}/*" for n in writable]))
    b.set("policy", _doc(tuple(statements)))
    return b


def _association(role: str, cluster: str) -> TfBlock:
    b = TfBlock("resource", ("aws_eks_pod_identity_association", role))
    b.set("cluster_name", E.ref(f"{cluster}.name"))
    b.set("namespace", E.Literal("kube-system"))
    b.set("service_account", E.Literal(DRIVER_ACCOUNT))
    b.set("role_arn", E.ref(f"aws_iam_role.{role}.arn"))
    return b


def _statement(sid: str, actions: tuple[str, ...], resources: list[str]) -> E.Object:
    return E.Object(((E.Var("Sid"), E.Literal(sid)), (E.Var("Effect"), E.Literal("Allow")),
                     (E.Var("Action"), E.Tuple(tuple(E.Literal(a) for a in actions))),
                     (E.Var("Resource"), E.Tuple(tuple(E.Literal(r) for r in resources)))))


def _doc(statements: tuple[E.Object, ...]) -> E.Call:
    return E.Call("jsonencode", (E.Object(((E.Var("Version"), E.Literal("2012-10-17")),
                                           (E.Var("Statement"), E.Tuple(statements)))),))

