"""AWS names that must be unique, checked when their module is instantiated more than once."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import instance_names
from ..tfbase.context import Ctx

# Block type -> (the attribute holding its AWS name, where AWS wants it unique). Sources:
# S3: docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html ("unique across
# all AWS accounts in all the AWS Regions within a partition"). RDS: AmazonRDS UserGuide
# Overview.DBInstance ("unique for each customer in an AWS Region"); subnet and parameter
# groups, DocumentDB clusters, ElastiCache replication groups, MSK clusters, OpenSearch
# domains, EKS clusters, EC2 key pairs and ECR creation templates: the Create* API of each
# rejects an existing name in the account and region (DBSubnetGroupAlreadyExists,
# DBParameterGroupAlreadyExists, DBClusterAlreadyExistsFault,
# ReplicationGroupAlreadyExistsFault, ConflictException, ResourceAlreadyExistsException,
# ResourceInUseException, InvalidKeyPair.Duplicate, TemplateAlreadyExistsException).
# Not here: IAM users take a prefix per module call (iam_names.py), IAM roles a name_prefix
# (companions.json); load balancers carry the instance key of a repeated resource only, and
# security groups are unique per VPC, which a module instance usually owns.
_REGIONAL = "per account and region"
RULES: dict[str, tuple[str, str]] = {
    "aws_s3_bucket": ("bucket", "S3 bucket names are unique across all AWS accounts (in a "
                                "partition)"),
    "aws_eks_cluster": ("name", f"EKS cluster names are unique {_REGIONAL}"),
    "aws_db_instance": ("identifier", f"RDS instance identifiers are unique {_REGIONAL}"),
    "aws_docdb_cluster": ("cluster_identifier",
                          f"DocumentDB cluster identifiers are unique {_REGIONAL}"),
    "aws_elasticache_replication_group": (
        "replication_group_id", f"ElastiCache replication group ids are unique {_REGIONAL}"),
    "aws_msk_cluster": ("cluster_name", f"MSK cluster names are unique {_REGIONAL}"),
    "aws_opensearch_domain": ("domain_name", f"OpenSearch domain names are unique {_REGIONAL}"),
    "aws_db_subnet_group": ("name", f"DB subnet group names are unique {_REGIONAL}"),
    "aws_docdb_subnet_group": ("name", f"DocumentDB subnet group names are unique {_REGIONAL}"),
    "aws_elasticache_subnet_group": ("name", "ElastiCache subnet group names are unique "
                                             f"{_REGIONAL}"),
    "aws_db_parameter_group": ("name", f"DB parameter group names are unique {_REGIONAL}"),
    "aws_key_pair": ("key_name", f"EC2 key pair names are unique {_REGIONAL}"),
    "aws_ecr_repository_creation_template": (
        "prefix", f"ECR repository creation template prefixes are unique {_REGIONAL}"),
}


def warn(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """IT308 when `b` (made for `node`) has a fixed name its module's instances all share;
    a `region` argument that is not fixed may put them apart, and then nothing is said."""
    if b.type != "resource" or node.mode == "data" or not b.labels:
        return
    if b.labels[0] not in RULES:
        return
    attr, rule = RULES[b.labels[0]]
    where = b.get("region") if not rule.startswith("S3") else None
    instance_names.warn_repeated(ctx, node, b.labels[0], b.get(attr), rule, where)
