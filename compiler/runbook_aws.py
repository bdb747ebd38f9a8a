"""The data-move runbook's AWS side: aws s3 sync to S3, crane to ECR, dumps to RDS, kubeconfig."""

from __future__ import annotations

from .ir import nodes as N
from .runbook import Step, _database, _lit, ovh_endpoint


def commands(node: N.Resource, unknown: list[str]) -> Step | None:
    name = _lit(node, "name", unknown)
    if isinstance(node, N.Bucket):
        endpoint = ovh_endpoint(node, unknown)
        # Two hops through a local copy: one `aws` profile cannot talk to two endpoints, and
        # a local copy lets the last sync before cut-over move only what changed.
        return Step(node.address, "bucket", (
            "aws configure set aws_access_key_id $OVH_S3_ACCESS_KEY --profile ovh",
            "aws configure set aws_secret_access_key $OVH_S3_SECRET_KEY --profile ovh",
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
    if isinstance(node, N.Database):
        step = _database(node, name, _lit(node, "engine", unknown))
        return Step(step.source, step.kind, step.commands, step.notes + " TARGET_DB_URI "
                    "points at the RDS (or ElastiCache, DocumentDB) endpoint: `aws rds "
                    f"describe-db-instances --db-instance-identifier {name} --query "
                    "'DBInstances[0].Endpoint'`; run the copy from a host inside the VPC.")
    if isinstance(node, N.Cluster):
        return Step(node.address, "cluster", (
            f"aws eks update-kubeconfig --name {name} --region $AWS_REGION",
            "kubectl get nodes"),
            "The kubeconfig authenticates with `aws eks get-token` (your IAM identity needs an "
            "access entry on the cluster); redeploy workloads, then move DNS.")
    if isinstance(node, N.Volume):
        return Step(node.address, "volume", (
            "rsync -aHAX --numeric-ids $SRC_MOUNT/ $TARGET_HOST:$DST_MOUNT/",),
            "Block volumes do not move between clouds: attach an EBS volume to an EC2 "
            "instance, mount both sides and copy the files, or restore from a backup.")
    return None
