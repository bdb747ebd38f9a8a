"""GKE target: OVHcloud Terraform lowered to hashicorp/google Terraform."""
