"""Shared machinery for Terraform-emitting targets (GKE now; EKS, AKS, Scaleway later)."""
