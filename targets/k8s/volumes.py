"""OVH volumes: portable rclone/git copies, or the cluster's object-storage CSI driver."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..clusterfacts import ClusterFacts
from . import scrub
from .pod import GIT_IMAGE, RCLONE_IMAGE, security


@dataclass
class Plan:
    volumes: list[dict[str, Any]] = field(default_factory=list)
    init_containers: list[dict[str, Any]] = field(default_factory=list)
    mounts: list[dict[str, Any]] = field(default_factory=list)
    objects: list[dict[str, Any]] = field(default_factory=list)  # PersistentVolumes/Claims
    pod_annotations: dict[str, str] = field(default_factory=dict)
    uses_storage_secret: bool = False
    secret_keys: list[str] = field(default_factory=list)  # git credentials, in the env Secret
    # estate runs: the pods run as a ServiceAccount of their own, which the Terraform grants
    # the buckets they mount (GKE Workload Identity, AKS federated managed identities)
    own_account: bool = False


def aks_label(account: str) -> str:
    """The Terraform label of what AKS estate runs create for ServiceAccount `account`."""
    label = account.replace("-", "_").replace(".", "_")
    return label if label[:1].isalpha() else f"sa_{label}"


def aks_client_id_output(account: str) -> str:
    """The Terraform output holding the client id of the managed identity of the pods'
    ServiceAccount `account` (targets/aks/workload_iam writes it; their PVs name it)."""
    return f"workload_identity_{aks_label(account)}_client_id"


def plan(w: ai.AiWorkload, name: str, storage_secret: str, cluster: str, sink: Sink,
         env_secret: str = "", facts: ClusterFacts | None = None) -> Plan:
    p = Plan()
    for i, v in enumerate(w.volumes):
        vol = f"data-{i}"
        ro = v.permission == "RO"
        p.mounts.append({"name": vol, "mountPath": v.mount_path, **({"readOnly": True} if ro
                                                                     else {})})
        if v.kind == "git":
            p.volumes.append({"name": vol, "emptyDir": {}})
            args, env, keys = scrub.git_clone(v.url or "", i, env_secret or f"{name}-env", sink,
                                              v.span or w.span)
            p.init_containers.append(_init(i, vol, GIT_IMAGE, args, env))
            p.secret_keys += keys
        elif v.kind == "standalone":
            p.volumes.append({"name": vol, "emptyDir": {}})
            sink.add("IT301", v.span or w.span, f"standalone volume `{v.mount_path}` is an "
                     "emptyDir: its content lives as long as the pod")
        elif v.kind != "datastore":
            p.volumes.append({"name": vol, "emptyDir": {}})
            sink.add("IT305", v.span or w.span, f"{v.kind} volumes have no Kubernetes "
                     f"equivalent; `{v.mount_path}` is an empty directory")
        elif cluster == "gke":
            granted = facts is not None and facts.buckets.get(v.container or "") in \
                facts.bucket_files
            _gcsfuse(p, v, vol, ro, sink, w, facts is not None and facts.gcs_fuse, granted)
            _created(v, facts, sink, w)
        elif cluster in ("eks", "aks"):
            _static_pv(p, v, vol, f"{name}-{vol}", cluster, sink, w, facts, name)
            _created(v, facts, sink, w)
        else:
            _rclone(p, v, i, vol, storage_secret, sink, w)
    return p


def _init(i: int, vol: str, image: str, args: list[str],
          env: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"name": f"fetch-{i}", "image": image, "args": args, **({"env": env} if env else {}),
            "volumeMounts": [{"name": vol, "mountPath": "/data"}],
            "securityContext": security(False)}


def _remote(v: ai.Volume) -> str:
    return f":s3:{v.container}" + (f"/{v.prefix.strip('/')}" if v.prefix else "")


def _rclone(p: Plan, v: ai.Volume, i: int, vol: str, secret: str, sink: Sink,
            w: ai.AiWorkload) -> None:
    p.volumes.append({"name": vol, "emptyDir": {}})
    p.init_containers.append(_init(i, vol, RCLONE_IMAGE, ["copy", _remote(v), "/data"],
                                   s3_env(secret)))
    p.uses_storage_secret = True
    if v.permission != "RO":
        # A native sidecar (restartPolicy Always) syncs periodically and once more when the
        # pod stops, as OVH syncs RW volumes back at the end.
        verb = "sync" if v.permission == "RWD" else "copy"
        loop = (f"trap 'rclone {verb} /data {_remote(v)}; exit 0' TERM; "
                f"while true; do sleep 300 & wait $!; rclone {verb} /data {_remote(v)}; done")
        p.init_containers.append({
            "name": f"sync-{i}", "image": RCLONE_IMAGE, "restartPolicy": "Always",
            "command": ["/bin/sh", "-c", loop], "env": s3_env(secret),
            "volumeMounts": [{"name": vol, "mountPath": "/data"}],
            "securityContext": security(False)})
        sink.add("IT301", v.span or w.span, f"volume `{v.mount_path}` ({v.permission}) is "
                 f"copied in at start and written back by a sidecar every 5 minutes and when "
                 f"the pod stops (`rclone {verb}`)")
    elif not v.cache:
        sink.add("IT301", v.span or w.span, f"volume `{v.mount_path}` is copied in at start "
                 "(OVH mounts it without cache)")


def _gcsfuse(p: Plan, v: ai.Volume, vol: str, ro: bool, sink: Sink, w: ai.AiWorkload,
             enabled: bool = False, granted: bool = False) -> None:
    options = ["implicit-dirs"] + ([f"only-dir={v.prefix.strip('/')}"] if v.prefix else [])
    p.volumes.append({"name": vol, "csi": {"driver": "gcsfuse.csi.storage.gke.io",
                                           "readOnly": ro, "volumeAttributes": {
                                               "bucketName": v.container or "",
                                               "mountOptions": ",".join(options)}}})
    p.pod_annotations["gke-gcsfuse/volumes"] = "true"
    p.own_account = True
    todo = "copy the OVH bucket's objects to it (the translated cluster enables the driver " \
        "and the Terraform grants the pod's account access)" if enabled and granted else \
        "copy the OVH bucket to GCS, " + ("the translated cluster enables the driver; "
                                          if enabled else "enable the cluster's "
                                          "gcs_fuse_csi_driver_config and ") + \
        "grant the pod's service account access"
    sink.add("IT301", v.span or w.span, f"volume `{v.mount_path}` mounts GCS bucket "
             f"`{v.container}` with Cloud Storage FUSE: {todo}")


def _created(v: ai.Volume, facts: ClusterFacts | None, sink: Sink, w: ai.AiWorkload) -> None:
    """In an estate run, the mounted bucket should be one the translated Terraform creates."""
    if facts is None or not v.container or v.container in facts.buckets:
        return
    known = sorted(b for b in facts.buckets if b)
    unknown = facts.buckets.get("")
    sink.add("IT347", v.span or w.span, f"{w.kind} `{w.name}` mounts bucket `{v.container}`, "
             "which the translated Terraform does not create" + (
                 f" (it creates {', '.join(f'`{b}`' for b in known)})" if known else "") + (
                 f"; the name of {unknown} is known only at plan time" if unknown else ""),
             "create the bucket (and copy its objects), or mount one the Terraform creates")


def aks_wired(facts: ClusterFacts | None, container: str | None) -> str | None:
    """The directory (under terraform/) where an AKS estate's Terraform federates a managed
    identity for the pods mounting `container` and grants it the container, or None: that
    needs the cluster, and the container created with a known account and resource group."""
    if facts is None or not container or not facts.clusters:
        return None
    path = facts.cluster_files.get(facts.clusters[0])  # IT308 said when there are several
    name, group = facts.accounts.get(container) or (None, None)
    if path is None or container not in facts.buckets or not (name and group):
        return None
    return posixpath.dirname(path)


def _static_pv(p: Plan, v: ai.Volume, vol: str, pv_name: str, cluster: str, sink: Sink,
               w: ai.AiWorkload, facts: ClusterFacts | None = None, account: str = "") -> None:
    """A PersistentVolume of the cloud's object-storage CSI driver; on AKS it names the storage
    account and resource group holding the container (from the estate's Terraform) and, when
    that Terraform grants the pods' ServiceAccount `account` the container, the managed
    identity the driver mounts with."""
    ro = v.permission == "RO"
    if cluster == "eks":
        options = ["allow-other"] + ([f"prefix {v.prefix.strip('/')}/"] if v.prefix else [])
        if v.permission == "RWD":
            options.append("allow-delete")
        csi: dict[str, Any] = {"driver": "s3.csi.aws.com", "volumeHandle": pv_name,
                               "volumeAttributes": {"bucketName": v.container or ""}}
        what = "the Mountpoint for Amazon S3 CSI driver (add-on aws-mountpoint-s3-csi-driver)"
    else:
        # blobfuse2 mounts as root: without allow_other the pods' non-root user (42420)
        # cannot enter the mount; with it files show mode 0777 (blobfuse2's allow-other bits)
        options = ["-o allow_other"]
        if v.prefix:
            # OVH mounts only the objects under the prefix: blobfuse2 mounts that
            # virtual directory (a blobfuse2 flag the driver accepts, as it does -o)
            options.append(f"--subdirectory={v.prefix.strip('/')}")
        attrs = {"containerName": v.container or "", "protocol": "fuse2"}
        name, group = (facts.accounts.get(v.container or "") if facts is not None else
                       None) or (None, None)
        where = ", with the storage account to set in volumeAttributes.storageAccount " \
            "(and resourceGroup)"
        if name and group:
            attrs.update(storageAccount=name, resourceGroup=group)
            # No credentials are written: the driver then reads the account key with the
            # cluster's identity, which the Terraform does not grant
            where = f" in storage account `{name}` (resource group `{group}`) of the " \
                "translated Terraform (no nodeStageSecretRef: give the cluster's identity a " \
                "role that lists the account's keys, or a Secret with the key)"
        tf_dir = aks_wired(facts, v.container) if account else None
        if tf_dir is not None:
            where = _aks_identity(p, v, attrs, pv_name, account, tf_dir, name, group, sink, w)
        csi = {"driver": "blob.csi.azure.com", "volumeHandle": pv_name,
               "volumeAttributes": attrs}
        if v.permission == "RW":
            # (Mountpoint refuses deletes without allow-delete; blobfuse2 has no such switch)
            where += "; blobfuse2 also deletes objects, which OVH's RW (not RWD) refused"
        what = f"the Azure Blob CSI driver (storage_profile.blob_driver_enabled){where}"
    if ro:
        csi["readOnly"] = True
    pv_spec: dict[str, Any] = {"capacity": {"storage": "1Ti"},
                               "accessModes": ["ReadOnlyMany" if ro else "ReadWriteMany"],
                               "persistentVolumeReclaimPolicy": "Retain",
                               "storageClassName": "", "csi": csi}
    if options:
        pv_spec["mountOptions"] = options
    p.objects.append({"apiVersion": "v1", "kind": "PersistentVolume",
                      "metadata": {"name": pv_name}, "spec": pv_spec})
    p.objects.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                      "metadata": {"name": pv_name},
                      "spec": {"accessModes": pv_spec["accessModes"], "storageClassName": "",
                               "volumeName": pv_name,
                               "resources": {"requests": {"storage": "1Ti"}}}})
    p.volumes.append({"name": vol, "persistentVolumeClaim": {"claimName": pv_name,
                                                             **({"readOnly": True} if ro
                                                                else {})}})
    sink.add("IT301", v.span or w.span, f"volume `{v.mount_path}` mounts bucket/container "
             f"`{v.container}` with {what}; copy the data there first")


def _aks_identity(p: Plan, v: ai.Volume, attrs: dict[str, str], pv_name: str, account: str,
                  tf_dir: str, name: str | None, group: str | None, sink: Sink,
                  w: ai.AiWorkload) -> str:
    """Blob CSI workload identity (driver v1.27+): blobfuse2 mounts with a token of the pod's
    ServiceAccount exchanged for the managed identity `clientID` names, which holds a Blob
    data role on the container only (the account key is never read). The client id exists
    once the Terraform is applied: the PersistentVolume holds a placeholder naming the
    output, set before the first apply (a PersistentVolume's source cannot change later)."""
    output = aks_client_id_output(account)
    attrs.update(clientID=f"<terraform output {output}>",
                 mountWithWorkloadIdentityToken="true")
    p.own_account = True
    tf = posixpath.join("terraform", tf_dir)
    patch = ('[{"op": "replace", "path": "/spec/csi/volumeAttributes/clientID", '
             f'"value": "\'"$(terraform -chdir=../{tf} output -raw {output})"\'"}}]')
    sink.add("IT355", v.span or w.span, f"PersistentVolume `{pv_name}` mounts with the "
             f"managed identity of ServiceAccount `{account}`, whose client id exists once "
             f"{tf} is applied: its volumeAttributes.clientID is the placeholder "
             f"`<terraform output {output}>`",
             f"after `terraform apply` in {tf} (the output is that directory's: re-export it "
             "from the root that calls it if it is a module), set it before applying the "
             "manifests (a PersistentVolume's source cannot be changed later): in "
             f"kubernetes/, `kustomize edit add patch --kind PersistentVolume --name "
             f"{pv_name} --patch '{patch}'` (a Helm chart: replace it in its template)")
    return (f" in storage account `{name}` (resource group `{group}`) of the translated "
            f"Terraform, as the managed identity federated to ServiceAccount `{account}` "
            "(mounting with its token: mountWithWorkloadIdentityToken, a preview of the driver "
            "from v1.27; the identity holds a Storage Blob Data role on the container, never "
            "the account key)")


def s3_env(secret: str) -> list[dict[str, Any]]:
    def ref(key: str) -> dict[str, Any]:
        return {"secretKeyRef": {"name": secret, "key": key}}
    return [{"name": "RCLONE_S3_PROVIDER", "value": "Other"},
            {"name": "RCLONE_S3_ENDPOINT", "valueFrom": ref("endpoint")},
            {"name": "RCLONE_S3_ACCESS_KEY_ID", "valueFrom": ref("access_key_id")},
            {"name": "RCLONE_S3_SECRET_ACCESS_KEY", "valueFrom": ref("secret_access_key")}]
