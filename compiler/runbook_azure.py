"""The data-move runbook's Azure side: rclone to Blob, crane to ACR, dumps, az aks credentials."""

from __future__ import annotations

from .ir import nodes as N
from .runbook import Step, _database, _lit, ovh_endpoint, volume

# Names Azure gives (a storage account is 3-24 lowercase alphanumerics, a registry 5-50
# alphanumerics) are read from the applied translation, run in its directory: the runbook
# never re-derives them, and a `--mapping` or naming change cannot make it stale.
_CONSOLE = "echo '{expr}' | terraform console | tr -d '\"'"
# engine -> (resource type the translation writes, its host attribute, what the client needs)
_ENGINES = {
    "postgresql": ("azurerm_postgresql_flexible_server", "fqdn", " Flexible Server requires "
                   "TLS: TARGET_DB_URI is postgresql://<administrator_login>@HOST:5432/"
                   "postgres?sslmode=require (the password is the server's "
                   "administrator_password in the Terraform state); --no-owner because the "
                   "OVH roles are not created by Terraform (create them in SQL first)."),
    "mysql": ("azurerm_mysql_flexible_server", "fqdn", " TARGET_DB_CNF holds host=HOST, "
              "port=3306, the server's administrator_login and password, and "
              "ssl-mode=REQUIRED (Flexible Server requires TLS by default)."),
    "mongodb": ("azurerm_mongo_cluster", "name", " Cosmos DB for MongoDB (vCore) is reached "
                "by SRV and TLS: TARGET_DB_URI is mongodb+srv://<administrator_username>:"
                "<password>@HOST.global.mongocluster.cosmos.azure.com/?tls=true&"
                "authMechanism=SCRAM-SHA-256&retrywrites=false&maxIdleTimeMS=120000."),
    "redis": ("azurerm_redis_cache", "hostname", " Azure Cache for Redis listens on TLS port "
              "6380 only (non_ssl_port_enabled = false): TARGET_DB_URI is "
              "rediss://:<primary_access_key>@HOST:6380; importing the RDB file needs a "
              "Premium cache (az redis import from a blob SAS URL), else replay the keys with "
              "a migration tool (e.g. RIOT) while the OVH side still serves."),
    "kafka": ("azurerm_eventhub_namespace", "name", " Event Hubs speaks the Kafka protocol at "
              "HOST.servicebus.windows.net:9093 (SASL_SSL, PLAIN, user $ConnectionString, "
              "password the namespace's default_primary_connection_string): mirror the topics "
              "with MirrorMaker 2 while producers still write to OVH; there is no dump."),
}


def commands(node: N.Resource, unknown: list[str]) -> Step | None:
    """The Azure step for one OVH resource (None: nothing to move)."""
    if isinstance(node, N.Database):
        return _server(node, unknown)
    if isinstance(node, N.Cluster):
        return _cluster(node, _at(node, unknown))
    name = _lit(node, "name", unknown)
    at = _at(node, unknown)
    if isinstance(node, N.Bucket):
        return _bucket(node, name, at, unknown)
    if isinstance(node, N.Registry):
        acr = _read(f"azurerm_container_registry.{node.name}{at}.login_server", "ACR")
        return Step(node.address, "registry", (
            acr,
            "crane auth login $OVH_REGISTRY_URL -u $OVH_REGISTRY_USER -p $OVH_REGISTRY_PASSWORD",
            "az acr login --name ${ACR%%.*} --expose-token --output tsv --query accessToken | "
            "crane auth login $ACR -u 00000000-0000-0000-0000-000000000000 --password-stdin",
            "for repo in $(crane catalog $OVH_REGISTRY_URL); do crane copy --all-tags "
            "$OVH_REGISTRY_URL/$repo $ACR/$repo; done"),
            "OVH_REGISTRY_URL is the registry's `url` attribute (Harbor); ACR (<name>.azurecr.io) "
            "creates repositories on first push; your Entra ID identity needs AcrPush on the "
            "registry. `az acr import --name ${ACR%%.*} --source $OVH_REGISTRY_URL/<repo>:<tag> "
            "--username ... --password ...` copies one tag server-side instead. Repoint image "
            "references (<acr>.azurecr.io/<repo>) once copied.")
    if isinstance(node, N.Volume):
        return volume(node, "attach a managed disk to an Azure VM (azurerm_virtual_machine_"
                      "data_disk_attachment; the guest sees /dev/disk/azure/scsi1/lun<N>), "
                      "mount both sides and copy the files, or restore from a backup.")
    return None


def _at(node: N.Resource, unknown: list[str]) -> str:
    """The instance index of a repeated resource's translation (`[${INSTANCE}]`)."""
    if node.meta.count is None and node.meta.for_each is None:
        return ""
    unknown.append(f"INSTANCE (the count index or for_each key, quoted, of {node.address})")
    return "[${INSTANCE}]"


def _read(expr: str, var: str) -> str:
    return f"{var}=$(" + _CONSOLE.format(expr=expr) + ")"


def _bucket(node: N.Resource, name: str, at: str, unknown: list[str]) -> Step:
    """One hop with rclone: azcopy reads S3 only from AWS itself, not OVH's endpoint."""
    endpoint = ovh_endpoint(node, unknown)
    return Step(node.address, "bucket", (
        _read(f"azurerm_storage_account.{node.name}{at}.name", "ACCOUNT"),
        _read(f"azurerm_storage_container.{node.name}{at}.name", "CONTAINER"),
        f"rclone config create ovh s3 provider Other endpoint {endpoint} "
        "access_key_id $OVH_S3_ACCESS_KEY secret_access_key $OVH_S3_SECRET_KEY",
        "rclone config create azure azureblob account $ACCOUNT env_auth true",
        f"rclone sync --checksum --transfers 16 ovh:{name} azure:$CONTAINER",
        f"rclone check ovh:{name} azure:$CONTAINER"),
        "S3 keys from the OVH S3 user (OVH_S3_ACCESS_KEY / OVH_S3_SECRET_KEY); the Azure side "
        "signs in with Entra ID (az login, env_auth): your identity needs Storage Blob Data "
        "Contributor on the account (a SAS URL works too: rclone's sas_url, or `azcopy sync "
        "./<copy> \"https://$ACCOUNT.blob.core.windows.net/$CONTAINER?<SAS>\"` from a local "
        "copy after `azcopy login`). Blob has no S3 API: clients move to the Blob SDK or an "
        "S3 gateway. Run the sync again just before the cut-over.")


def _cluster(node: N.Resource, at: str) -> Step:
    address = f"azurerm_kubernetes_cluster.{node.name}{at}"
    return Step(node.address, "cluster", (
        _read(f"{address}.name", "AKS_NAME"),
        _read(f"{address}.resource_group_name", "AKS_GROUP"),
        "az aks get-credentials --resource-group $AKS_GROUP --name $AKS_NAME",
        "kubectl get nodes"),
        f"Run in the translated Terraform's directory once applied ({address}); with Entra ID "
        "integration convert the kubeconfig with `kubelogin convert-kubeconfig -l azurecli`. "
        "Redeploy workloads, then move DNS.")


def _server(node: N.Resource, unknown: list[str]) -> Step:
    """A database's dump and restore, with the host of the Azure service its engine becomes
    (Flexible Server, Cosmos vCore, Azure Cache for Redis, Event Hubs) read from the
    applied translation."""
    engine = _lit(node, "engine", unknown)
    key = "redis" if engine == "valkey" else engine
    at = _at(node, unknown)
    step = _database(node, node.name, engine)
    found = _ENGINES.get(key)
    if found is None:
        return Step(step.source, step.kind, step.commands, step.notes + f" {engine} has no "
                    "Azure managed counterpart in this translation: its diagnostics say what "
                    "to use instead.")
    type_, attr, client = found
    host = _read(f"{type_}.{node.name}{at}.{attr}", "HOST")
    commands = step.commands if key != "kafka" else (
        "# mirror the topics with MirrorMaker 2 (source: the OVH cluster, target: "
        "$HOST.servicebus.windows.net:9093)",)
    return Step(step.source, step.kind, (host, *commands), step.notes + " Run from a host "
                "the server's firewall rules (or VNet) admit." + client)
