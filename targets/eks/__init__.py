"""The EKS target (hashicorp/aws 6.x): lowerings per concept family on the neutral OVH model."""
