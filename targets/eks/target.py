"""The EKS target: each concept family's lowerings, merged, plus target-wide scaffolding."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink

from ..tfbase import omitted
from ..tfbase.context import Ctx
from ..tfbase.family_target import FamilyTarget
from . import (
    cluster,
    compute,
    database,
    iam_names,
    network,
    nodegroup,
    providers,
    registry,
    storage,
)


class EksTarget(FamilyTarget):
    NAME = "eks"
    FAMILIES = (omitted, network, cluster, nodegroup, registry, storage, database, compute)
    PROVIDERS = providers
    LOOKUP_NAME = "EKS"
    OTHER_WORDS = {"cloud": "AWS", "account": "an account",
                   "quotas": "with Service Quotas (aws_servicequotas_service_quota)",
                   "presign": "aws s3 presign"}
    # Hard-coded OVH S3 endpoints in values (locals, outputs, app settings) become Amazon
    # S3's: SDKs given it and the bucket's region reach the bucket (provider and backend
    # endpoints are dropped instead: providers.py).
    S3_ENDPOINT = "https://s3.amazonaws.com"
    WORDS = {"cloud": "AWS", "project": "data.aws_caller_identity.current.account_id",
             "region": "an AWS region (e.g. eu-west-3)",
             "zone": "an AWS availability zone (e.g. eu-west-3a)",
             "flavor": "an EC2 instance type (e.g. m7i.xlarge)",
             "db_flavor": "an RDS instance class (e.g. db.m7g.large)",
             "db_version": "an RDS engine version (e.g. 17.4)",
             # (the roles of the services that are not RDS: a variable told to hold an
             # RDS class would be misled)
             "db_flavor:elasticache": "an ElastiCache node type (e.g. cache.r7g.large)",
             "db_flavor:msk": "an MSK broker instance type (e.g. kafka.m7g.large)",
             "db_flavor:opensearch": "an OpenSearch instance type (e.g. r7g.large.search)",
             "db_flavor:docdb": "a DocumentDB instance class (e.g. db.r6g.large)",
             "db_version:valkey": "an ElastiCache for Valkey engine version (e.g. 8.0)",
             "db_version:redis": "an ElastiCache for Redis OSS engine version (e.g. 7.1)",
             "db_version:kafka": "an MSK Kafka version (e.g. 3.8.x)",
             "db_version:opensearch": "an OpenSearch engine version (e.g. OpenSearch_2.19)",
             "db_version:mongodb": "a DocumentDB engine version (e.g. 5.0.0)"}

    # The Mountpoint CSI driver reads buckets with its own credentials: every mount counts,
    # whether or not the pods run as an account of their own.
    GRANTS_BY_DRIVER = True

    def workload_grants(self, facts: Any, mounts: list[Any], sink: Sink) -> dict[str, str]:
        """Estate runs: the Mountpoint driver's IAM role for the buckets workloads mount."""
        from .workload_iam import grants
        return grants(facts, mounts, sink)

    def finish(self, ctx: Ctx) -> None:
        iam_names.pass_prefixes(ctx)  # module blocks pass their IAM name prefix
        from .controllers import finish as install_controllers  # estate runs
        install_controllers(ctx)  # before providers.finish: it may require helm
        super().finish(ctx)  # providers.finish, then the checks every target runs last
