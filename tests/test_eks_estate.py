"""Whole-estate runs with --target eks: the EKS cluster profile, node groups read back, and
the Mountpoint CSI driver's access to the buckets the workloads mount."""

from __future__ import annotations

from pathlib import Path

from iac_translate.compiler.api import translate
from iac_translate.targets import clusterfacts
from iac_translate.targets.mapping import load_tables

ESTATE = Path(__file__).parent.parent / "golden" / "estate_gke" / "input"


def test_estate_for_eks() -> None:
    r = translate(ESTATE, "eks")
    # the one error: OVH's Kubernetes 1.31 is raised to EKS's oldest (IT332, a human decision)
    errors = [d for d in r.diagnostics if d.severity.value == "error"]
    assert [d.code for d in errors] == ["IT332"], errors
    iam = r.files["terraform/platform/workloads_iam.tf"]
    assert 'service_account = "s3-csi-driver-sa"' in iam
    assert "cluster_name    = aws_eks_cluster.main.name" in iam
    assert '"arn:aws:s3:::acme-models/*"' in iam and "s3:PutObject" in iam  # an RW mount
    assert "pods.eks.amazonaws.com" in iam
    assert any(d.code == "IT346" and "acme-models" in d.message for d in r.diagnostics)
    assert "aws-mountpoint-s3-csi-driver" in r.files["terraform/platform/main.tf"]
    pv = "\n".join(v for k, v in r.files.items() if k.startswith("kubernetes/"))
    assert "s3.csi.aws.com" in pv
    # the GPU app selects the GPU node group's instance type and tolerates its taints
    chat = r.files["kubernetes/chat.yaml"]
    assert "node.kubernetes.io/instance-type: g6.8xlarge" in chat
    assert "nvidia.com/gpu.product" not in chat and "key: dedicated" in chat


def test_node_groups_are_read_back() -> None:
    r = translate(ESTATE, "eks")
    tf = {k[len("terraform/"):]: v for k, v in r.files.items() if k.startswith("terraform/")}
    facts = clusterfacts.read("eks", tf, load_tables("eks"))
    assert facts is not None and facts.clusters == ("aws_eks_cluster.main",)
    assert facts.cluster_files["aws_eks_cluster.main"] == "platform/main.tf"
    gpu = [p for p in facts.pools if p.gpu_count]
    assert gpu and gpu[0].machine_type and gpu[0].machine_type.startswith("g6")
    assert gpu[0].gpu_model == "L4" and gpu[0].vcpu
    # labels and taints sit at the node group's top level on EKS (GKE: node_config)
    assert ("nvidia.com/gpu", "true", "NoSchedule") in gpu[0].taints
    assert ("dedicated", "gpu", "NoSchedule") in gpu[0].taints
    assert gpu[0].labels == (("workload", "inference"),)
    assert "acme-models" in facts.buckets


def test_gke_estate_grants_only_own_accounts() -> None:
    """GKE grants a pod's own account (Workload Identity): unchanged by the driver-level
    grants of EKS."""
    r = translate(ESTATE, "gke")
    iam = "\n".join(v for k, v in r.files.items() if k.endswith("workloads_iam.tf"))
    assert "/sa/" in iam and "/sa/\"" not in iam
