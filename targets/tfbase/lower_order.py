"""Lowering orders a target derives from the driver's: aws_s3_bucket beside the OVH buckets."""

from __future__ import annotations


def s3_buckets_first(order: tuple[str, ...]) -> tuple[str, ...]:
    """`order` with aws_s3_bucket (S3Bucket) lowered right after the OVH buckets (Bucket):
    an OVH user's S3 policy naming an aws_s3_bucket writes into what that bucket became
    (a bucket policy, role assignments on a container), which must exist by then."""
    rest = tuple(k for k in order if k != "S3Bucket")
    at = rest.index("Bucket") + 1 if "Bucket" in rest else 0
    return (*rest[:at], "S3Bucket", *rest[at:])
