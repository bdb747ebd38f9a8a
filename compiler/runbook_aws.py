"""The data-move runbook's AWS side: aws s3 sync to S3, crane to ECR, dumps to RDS, kubeconfig."""

from __future__ import annotations

from .ir import nodes as N
from .runbook import Step, _database, _lit, ovh_region, volume
from .target_data import target_name

# Where each engine's endpoint is read once the Terraform is applied ({id}: the identifier
# the eks target gives the database: its Terraform label, as AWS names allow).
_ENDPOINT = {
    "mongodb": "aws docdb describe-db-clusters --db-cluster-identifier {id} --query "
               "'DBClusters[0].Endpoint'",
    "redis": "aws elasticache describe-replication-groups --replication-group-id {id} "
             "--query 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint'",
    "kafka": "aws kafka list-clusters-v2 --cluster-name-filter {id} --query "
             "'ClusterInfoList[0].ClusterArn'` then `aws kafka get-bootstrap-brokers "
             "--cluster-arn ARN",
    "opensearch": "aws opensearch describe-domain --domain-name {id} --query "
                  "'DomainStatus.Endpoints'",
}
_RDS = "aws rds describe-db-instances --db-instance-identifier {id} --query " \
    "'DBInstances[0].Endpoint'"
# The argument that names each engine's AWS object (its rule in targets/eks/naming.json).
_NAMED = {"mongodb": "aws_docdb_cluster.cluster_identifier",
          "redis": "aws_elasticache_replication_group.replication_group_id",
          "kafka": "aws_msk_cluster.cluster_name",
          "opensearch": "aws_opensearch_domain.domain_name"}
_SERVICE = {"mongodb": "DocumentDB", "redis": "ElastiCache", "valkey": "ElastiCache",
            "kafka": "MSK", "opensearch": "OpenSearch Service"}
# What the target needs of a client the OVH side did not ask for.
_CLIENT = {
    "mongodb": " DocumentDB requires TLS and has no retryable writes: TARGET_DB_URI ends "
               "with `?tls=true&tlsCAFile=global-bundle.pem&retryWrites=false` (the bundle: "
               "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem).",
    "redis": " ElastiCache can also seed a new replication group from the RDB file in S3 "
             "(snapshot_arns).",
}


def commands(node: N.Resource, unknown: list[str]) -> Step | None:
    if isinstance(node, N.Database):
        return _rds(node, unknown)
    name = _lit(node, "name", unknown)
    if isinstance(node, N.Bucket):
        region = ovh_region(node, unknown)
        endpoint = f"https://s3.{region}.io.cloud.ovh.net"
        # Two hops through a local copy: one `aws` profile cannot talk to two endpoints, and
        # a local copy lets the last sync before cut-over move only what changed. The OVH
        # profile signs for the OVH region (the CLI's default region is not OVH's).
        return Step(node.address, "bucket", (
            "aws configure set aws_access_key_id $OVH_S3_ACCESS_KEY --profile ovh",
            "aws configure set aws_secret_access_key $OVH_S3_SECRET_KEY --profile ovh",
            f"aws configure set region {region} --profile ovh",
            f"aws s3 sync s3://{name} ./{name} --profile ovh --endpoint-url {endpoint}",
            f"aws s3 sync ./{name} s3://{name} --region $AWS_REGION",
            f"aws s3 ls s3://{name} --recursive --summarize --region $AWS_REGION"),
            "S3 keys from the OVH S3 user (OVH_S3_ACCESS_KEY / OVH_S3_SECRET_KEY) in a "
            "separate `ovh` profile; the AWS side uses the default credentials (AWS_PROFILE, "
            "SSO). Compare the object counts, and sync again just before the cut-over.")
    if isinstance(node, N.Registry):
        ecr = "$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com"
        return Step(node.address, "registry", (
            "crane auth login $OVH_REGISTRY_URL -u $OVH_REGISTRY_USER -p $OVH_REGISTRY_PASSWORD",
            f"aws ecr get-login-password --region $AWS_REGION | crane auth login {ecr} -u AWS "
            "--password-stdin",
            "for repo in $(crane catalog $OVH_REGISTRY_URL); do aws ecr describe-repositories "
            f"--repository-names {name}/$repo --region $AWS_REGION >/dev/null 2>&1 || "
            f"aws ecr create-repository --repository-name {name}/$repo --region $AWS_REGION; "
            f"crane copy --all-tags $OVH_REGISTRY_URL/$repo {ecr}/{name}/$repo; done"),
            "OVH_REGISTRY_URL is the registry's `url` attribute (Harbor); ECR needs one "
            "repository per image (created here when the translation does not declare it); "
            "copy with all tags, then repoint image references.")
    if isinstance(node, N.Cluster):
        return Step(node.address, "cluster", (
            f"aws eks update-kubeconfig --name {name} --region $AWS_REGION",
            "kubectl get nodes"),
            "The kubeconfig authenticates with `aws eks get-token` (your IAM identity needs an "
            "access entry on the cluster); redeploy workloads, then move DNS.")
    if isinstance(node, N.Volume):
        return volume(node, "attach an EBS volume to an EC2 instance, mount both sides and "
                      "copy the files, or restore from a backup.")
    return None


def _rds(node: N.Resource, unknown: list[str]) -> Step:
    """A database's dump and restore, with the endpoint of the AWS service its engine
    becomes (RDS, DocumentDB, ElastiCache...), read by the identifier the target gives it."""
    engine = _lit(node, "engine", unknown)
    key = "redis" if engine == "valkey" else engine
    ident = target_name("eks", _NAMED.get(key, "aws_db_instance.identifier"), node.name)
    if node.meta.count is not None or node.meta.for_each is not None:
        ident += "-${INSTANCE}"  # one database per instance: name the one to copy
        unknown.append(f"INSTANCE (the count index or for_each key of {node.address})")
    step = _database(node, ident, engine)
    service = _SERVICE.get(engine, "RDS")
    where = _ENDPOINT.get(key, _RDS).format(id=ident)
    return Step(step.source, step.kind, step.commands, step.notes + f" TARGET_DB_URI points "
                f"at the {service} endpoint: `{where}`; run the copy from a host inside the "
                "VPC." + _CLIENT.get(key, ""))
