"""The data-move runbook's Scaleway side: aws s3 sync, crane to rg.<region>.scw.cloud, scw."""

from __future__ import annotations

from .ir import nodes as N
from .runbook import Step, _database, _lit, ovh_region, volume
from .target_data import target_name

# The Scaleway region and zone are those of the translated provider (provider "scaleway"):
# the runbook asks for them once instead of guessing the region table's choice.
_REGION = "$SCW_REGION"
_S3 = f"https://s3.{_REGION}.scw.cloud"
_REGISTRY = f"rg.{_REGION}.scw.cloud"
# Reading an attribute of the applied translation (run in its directory): no jq, no ids.
_CONSOLE = "echo '{expr}' | terraform console"
# engine -> (resource type the translation writes, where its endpoint is, what the client needs)
_ENGINES = {
    "postgresql": ("scaleway_rdb_instance", "load_balancer[0]", " Managed Database accepts "
                   "TLS: its CA is the instance's `certificate` (sslmode=verify-full)."),
    "mysql": ("scaleway_rdb_instance", "load_balancer[0]", " TARGET_DB_CNF holds the host, "
              "port, user and password of that endpoint (ssl-ca: the instance's "
              "`certificate`)."),
    "mongodb": ("scaleway_mongodb_instance", "public_network[0]", " Managed MongoDB requires "
                "TLS: save the instance's `tls_certificate` as ca.pem and end TARGET_DB_URI "
                "with `?tls=true&tlsCAFile=ca.pem`."),
    "redis": ("scaleway_redis_cluster", "public_network[0]", " The Terraform resource takes "
              "no RDB file to start from (check Managed Redis for an import): replay the "
              "keys with a migration tool while the OVH side still serves; with tls_enabled "
              "its CA is the cluster's `certificate`."),
}
_NONE = {"kafka": "Scaleway offers no managed Kafka: the translation says what to use instead",
         "opensearch": "Scaleway offers no managed OpenSearch: the translation says what to "
                       "use instead"}


def commands(node: N.Resource, unknown: list[str]) -> Step | None:
    if isinstance(node, N.Database):
        return _rdb(node, unknown)
    if isinstance(node, N.Cluster):
        return _cluster(node)
    name = _lit(node, "name", unknown)
    if isinstance(node, N.Bucket):
        region = ovh_region(node, unknown)
        dst = target_name("scaleway", "scaleway_object_bucket.name", name)
        # Two profiles through a local copy: one `aws` profile signs for one endpoint, and
        # the copy lets the last sync before the cut-over move only what changed.
        return Step(node.address, "bucket", (
            "aws configure set aws_access_key_id $OVH_S3_ACCESS_KEY --profile ovh",
            "aws configure set aws_secret_access_key $OVH_S3_SECRET_KEY --profile ovh",
            f"aws configure set region {region} --profile ovh",
            "aws configure set aws_access_key_id $SCW_ACCESS_KEY --profile scw",
            "aws configure set aws_secret_access_key $SCW_SECRET_KEY --profile scw",
            f"aws configure set region {_REGION} --profile scw",
            f"aws s3 sync s3://{name} ./{name} --profile ovh --endpoint-url "
            f"https://s3.{region}.io.cloud.ovh.net",
            f"aws s3 sync ./{name} s3://{dst} --profile scw --endpoint-url {_S3}",
            f"aws s3 ls s3://{dst} --recursive --summarize --profile scw --endpoint-url {_S3}"),
            "S3 keys from the OVH S3 user (OVH_S3_ACCESS_KEY / OVH_S3_SECRET_KEY) and a "
            "Scaleway API key allowed to write the bucket (SCW_ACCESS_KEY / SCW_SECRET_KEY), "
            "each in its own profile; SCW_REGION is the region of provider scaleway in the "
            "translation (e.g. fr-par). rclone (provider Scaleway) copies without the local "
            "hop. Compare the object counts, and sync again just before the cut-over.")
    if isinstance(node, N.Registry):
        namespace = target_name("scaleway", "scaleway_registry_namespace.name", name)
        return Step(node.address, "registry", (
            "crane auth login $OVH_REGISTRY_URL -u $OVH_REGISTRY_USER -p $OVH_REGISTRY_PASSWORD",
            f"echo $SCW_SECRET_KEY | crane auth login {_REGISTRY} -u nologin --password-stdin",
            "for repo in $(crane catalog $OVH_REGISTRY_URL); do crane copy --all-tags "
            f"$OVH_REGISTRY_URL/$repo {_REGISTRY}/{namespace}/$repo; done"),
            "OVH_REGISTRY_URL is the registry's `url` attribute (Harbor); the Container "
            "Registry signs in with the user `nologin` and a Scaleway secret key "
            "(SCW_SECRET_KEY) and creates images on first push into the namespace; copy with "
            "all tags, then repoint image references.")
    if isinstance(node, N.Volume):
        return volume(node, "attach the Block Storage volume to a Scaleway Instance, mount "
                      "both sides and copy the files, or restore from a backup.")
    return None


def _cluster(node: N.Resource) -> Step:
    address = f"scaleway_k8s_cluster.{node.name}"
    return Step(node.address, "cluster", (
        "CLUSTER_ID=$(" + _CONSOLE.format(expr=f'element(split("/", {address}.id), 1)') +
        " | tr -d '\"')",
        f"scw k8s kubeconfig install $CLUSTER_ID region={_REGION}",
        "kubectl get nodes"),
        f"Run in the translated Terraform's directory once applied ({address}); the "
        "kubeconfig holds the cluster's admin token: keep it out of version control. "
        "Redeploy workloads, then move DNS.")


def _rdb(node: N.Resource, unknown: list[str]) -> Step:
    """A database's dump and restore, with the endpoint of the Scaleway product its engine
    becomes (Managed Database, MongoDB, Redis), read from the applied translation."""
    engine = _lit(node, "engine", unknown)
    key = "redis" if engine == "valkey" else engine
    found = _ENGINES.get(key)
    type_ = found[0] if found else "scaleway_rdb_instance"
    ident = target_name("scaleway", f"{type_}.name", node.name)
    address = f"{type_}.{node.name}"
    if node.meta.count is not None or node.meta.for_each is not None:
        ident += "-${INSTANCE}"  # one database per instance: name the one to copy
        address += "[${INSTANCE}]"
        unknown.append(f"INSTANCE (the count index or for_each key, quoted, of "
                       f"{node.address})")
    step = _database(node, ident, engine)
    if found is None:
        why = _NONE.get(key, f"{engine} has no Scaleway managed equivalent")
        return Step(step.source, step.kind, step.commands, step.notes + f" {why}.")
    where = _CONSOLE.format(expr=f"{address}.{found[1]}")
    return Step(step.source, step.kind, step.commands, step.notes + " TARGET_DB_URI points "
                f"at the endpoint of {address}: `{where}` (from inside the Private "
                "Network: its private_network[0]); run the copy from a host allowed to "
                "reach it." + found[2])
