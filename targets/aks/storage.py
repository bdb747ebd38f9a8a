"""AKS lowerings of the storage family: buckets, lifecycle rules, S3 users and the S3 API."""

from __future__ import annotations

from ..tfbase.driver import Declaring, Lowering
from . import s3users
from .blob import declare_bucket, lower_bucket
from .lifecycle import lower_bucket_lifecycle

DECLARE: dict[str, Declaring] = {"Bucket": declare_bucket, **s3users.DECLARE}
LOWER: dict[str, Lowering] = {"Bucket": lower_bucket,
                              "BucketLifecycle": lower_bucket_lifecycle, **s3users.LOWER}
