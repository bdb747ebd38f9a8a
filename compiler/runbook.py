"""The data-move runbook: commands that copy buckets, images, databases and volumes across."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ir import expr as E
from .ir import nodes as N

# Credentials are referenced by variable name only; the runbook never carries a value.
_S3_KEYS = "OVH_S3_ACCESS_KEY / OVH_S3_SECRET_KEY"


@dataclass(frozen=True)
class Step:
    source: str  # Terraform address
    kind: str  # bucket, registry, database, volume
    commands: tuple[str, ...]
    notes: str


def steps(model: N.Model, target: str = "gke") -> list[Step]:
    """The steps for `target`'s side (gke: GCS, Artifact Registry, Cloud SQL; eks: S3, ECR,
    RDS and the kubeconfig of each EKS cluster; scaleway: Object Storage, Container Registry,
    Managed Databases and each Kapsule cluster's kubeconfig)."""
    out = []
    for module in model.modules:
        for node in module.nodes:
            if isinstance(node, N.Resource) and node.mode == "managed":
                step, names = _step(node, target)
                if step is not None:
                    out.append((step, names))
    return sorted(_distinct(out), key=lambda s: (s.kind, s.source))


def _distinct(found: list[tuple[Step, list[str]]]) -> list[Step]:
    """Shell variables to set are named after the resource (`MAIN_NAME`): where two steps
    would ask for the same one (a cluster and a registry both named `main`), each gets its
    kind as a prefix, so that one `export` cannot feed both."""
    users: dict[str, set[str]] = {}
    for step, names in found:
        for n in names:
            users.setdefault(n, set()).add(step.source)
    out = []
    for step, names in found:
        for n in names:
            if len(users[n]) > 1:
                new = f"{step.kind.upper()}_{n}"
                swap = re.compile(rf"\b{n}\b")
                step = Step(step.source, step.kind,
                            tuple(swap.sub(new, c) for c in step.commands),
                            swap.sub(new, step.notes))
        out.append(step)
    return out


def _lit(node: N.Resource, arg: str, unknown: list[str]) -> str:
    """The literal value, or a shell variable to set when the value is computed."""
    value = E.str_value(node.get(arg)) if isinstance(node.get(arg), E.Literal) else None
    if value:
        return value
    var = f"{node.name}_{arg}".upper().replace("-", "_")
    unknown.append(f"{var} (the `{arg}` of {node.address})")
    return "${" + var + "}"


def _step(node: N.Resource, target: str) -> tuple[Step | None, list[str]]:
    unknown: list[str] = []
    if target == "eks":
        from .runbook_aws import commands as aws_commands
        step = aws_commands(node, unknown)
    elif target == "scaleway":
        from .runbook_scw import commands as scw_commands
        step = scw_commands(node, unknown)
    elif target == "aks":
        from .runbook_azure import commands as az_commands
        step = az_commands(node, unknown)
    elif target == "gke":
        step = _commands(node, unknown)
    else:  # a target with no runbook side yet gets none, never another cloud's commands
        return None, []
    if step is None or not unknown:
        return step, []
    return Step(step.source, step.kind, step.commands,
                step.notes + " Set " + ", ".join(unknown) + ": it is computed in the "
                "source."), [u.split(" ", 1)[0] for u in unknown]


def ovh_endpoint(node: N.Resource, unknown: list[str]) -> str:
    """The OVH S3 endpoint of a bucket (its region literal, or a shell variable to set)."""
    return f"https://s3.{ovh_region(node, unknown)}.io.cloud.ovh.net"


def ovh_region(node: N.Resource, unknown: list[str]) -> str:
    """The bucket's OVH region as S3 names it (`gra`), or a shell variable to set."""
    # `region_name` on ovh_cloud_project_storage; `region` on the older S3 bucket types.
    region = _lit(node, "region" if node.get("region_name") is None and
                  node.get("region") is not None else "region_name", unknown)
    return region if region.startswith("$") else region.lower()


def _commands(node: N.Resource, unknown: list[str]) -> Step | None:
    name = _lit(node, "name", unknown)
    if isinstance(node, N.Bucket):
        endpoint = ovh_endpoint(node, unknown)
        return Step(node.address, "bucket", (
            f"rclone config create ovh s3 provider Other endpoint {endpoint} "
            "access_key_id $OVH_S3_ACCESS_KEY secret_access_key $OVH_S3_SECRET_KEY",
            "rclone config create gcs gcs bucket_policy_only true",
            f"rclone sync --checksum --transfers 16 ovh:{name} gcs:{name}",
            f"rclone check ovh:{name} gcs:{name}"),
            f"S3 keys from the OVH S3 user ({_S3_KEYS}); the Google side uses Application "
            "Default Credentials. Run the sync again just before the cut-over.")
    if isinstance(node, N.Registry):
        return Step(node.address, "registry", (
            "crane auth login $OVH_REGISTRY_URL -u $OVH_REGISTRY_USER -p $OVH_REGISTRY_PASSWORD",
            "gcloud auth configure-docker ${GCP_REGION}-docker.pkg.dev",
            "for repo in $(crane catalog $OVH_REGISTRY_URL); do crane copy --all-tags "
            f"$OVH_REGISTRY_URL/$repo ${{GCP_REGION}}-docker.pkg.dev/$GCP_PROJECT/{name}/$repo; "
            "done"),
            "OVH_REGISTRY_URL is the registry's `url` attribute (Harbor); copy per repository "
            "with all tags, then repoint image references.")
    if isinstance(node, N.Database):
        return _database(node, name, _lit(node, "engine", unknown))
    if isinstance(node, N.Volume):
        return volume(node, "mount both sides and copy the files, or restore from a backup; "
                      "snapshots are not portable.")
    return None


def volume(node: N.Resource, how: str) -> Step:
    """A block volume's files copied across (`how`: what the target side needs)."""
    return Step(node.address, "volume", (
        "rsync -aHAX --numeric-ids $SRC_MOUNT/ $TARGET_HOST:$DST_MOUNT/",),
        "Block volumes do not move between clouds: " + how)


def _database(node: N.Resource, name: str, engine: str) -> Step:
    src, dst = "$OVH_DB_URI", "$TARGET_DB_URI"
    commands: tuple[str, ...]
    if engine == "postgresql":
        commands = (f"pg_dump --format=custom --no-owner --dbname={src} --file={name}.dump",
                    f"pg_restore --no-owner --jobs=4 --dbname={dst} {name}.dump")
    elif engine == "mysql":
        commands = (f"mysqldump --defaults-extra-file=$OVH_DB_CNF --single-transaction "
                    f"--routines --triggers --set-gtid-purged=OFF --databases $DB_NAME "
                    f"--result-file={name}.sql",
                    f"mysql --defaults-extra-file=$TARGET_DB_CNF < {name}.sql")
    elif engine == "mongodb":
        commands = (f"mongodump --uri={src} --archive={name}.archive --gzip",
                    f"mongorestore --uri={dst} --archive={name}.archive --gzip")
    elif engine in ("redis", "valkey"):
        commands = (f"redis-cli -u {src} --rdb {name}.rdb",
                    "# import the RDB file into the target, or replicate online with "
                    "REPLICAOF / a migration tool while writes continue")
    else:
        commands = (f"# export {engine} data with its own tools (no generic command)",)
    return Step(node.address, "database", commands,
                f"{engine}: connection details come from OVH_DB_URI/TARGET_DB_URI (MySQL: "
                "option files OVH_DB_CNF/TARGET_DB_CNF), never from this file; stop writes or "
                "plan a replication window before the final copy.")
