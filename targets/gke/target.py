"""The GKE target: registration of every lowering, mappers, and target-wide scaffolding."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import localfiles, omitted
from ..tfbase.context import Ctx
from ..tfbase.family_target import FamilyTarget
from ..tfbase.provider_region import openstack_region
from ..tfbase.refs import RefTarget
from ..tfbase.root_providers import configure_roots, declares
from ..tfbase.scaffold_names import free_variable_name
from . import (
    cloudsql,
    compute,
    database,
    database_net,
    database_parts,
    files,
    harbor,
    kube,
    kube_attach,
    lifecycle,
    loadbalancer,
    locations,
    network,
    nodepool,
    openstack,
    openstack_network,
    providers,
    s3compat,
    services,
    storage,
)
from . import common as C

_WORDS = {"cloud": "GCP", "account": "a project",
          "quotas": "in the console or with the Service Usage API", "presign": "gsutil signurl"}


def declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
    return omitted.declare_lookup(ctx, node, lambda s: C.region_of(ctx, s))


def lower_lookup(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_lookup(ctx, node, "GKE")


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    omitted.lower_other(ctx, node, _WORDS)


class GkeTarget(FamilyTarget):
    """Its DECLARE and LOWER tables are written out (no FAMILIES); FamilyTarget gives the
    provider, settings and module-call lowerings (PROVIDERS) and the OVH vocabulary."""

    NAME = "gke"
    PROVIDERS = providers
    S3_ENDPOINT = "https://storage.googleapis.com"
    # (the provider's project read where it is: var.gcp_project_id exists in roots only)
    WORDS = {"cloud": "GCP", "project": "data.google_client_config.default.project",
             "region": "a GCP region (e.g. europe-west1)",
             "zone": "a GCP zone (e.g. europe-west1-b)",
             "flavor": "a GCP machine type (e.g. e2-standard-4)",
             "db_flavor": "a Cloud SQL tier (db-custom-<vCPU>-<MB>)",
             "db_version": "a Cloud SQL database_version (e.g. POSTGRES_17)"}
    DECLARE = {
        "Cluster": kube.declare_cluster, "NodePool": nodepool.declare_pool,
        "Oidc": kube_attach.declare_attachment,
        "ApiIpRestriction": kube_attach.declare_attachment,
        "Network": network.declare_network, "Subnet": network.declare_subnet,
        "Gateway": network.declare_gateway, "FloatingIp": network.declare_floating_ip,
        "LoadBalancer": loadbalancer.declare_loadbalancer,
        "Registry": storage.declare_registry, "RegistryUser": storage.declare_registry_user,
        "Bucket": storage.declare_bucket, "ObjectStorageUser": storage.declare_user,
        "ObjectStorageCredential": storage.declare_credential,
        "ObjectStoragePolicy": storage.declare_policy,
        "Database": database.declare_database, "DatabaseDb": database.declare_sub,
        "DatabaseUser": database.declare_sub, "DatabaseTopic": database.declare_sub,
        "Instance": openstack.declare_instance, "Volume": compute.declare_volume,
        "FileShare": files.declare_share, "FileShareNetwork": declare_lookup,
        "Lookup": declare_lookup, "OvhOther": omitted.declare_other,
        "SecurityGroup": openstack.declare_secgroup, "SecurityRule": openstack.declare_nothing,
        "RouterInterface": openstack.declare_nothing,
        "VolumeAttachment": openstack.declare_attachment,
        "OpenStackOther": loadbalancer.declare_other, "S3Bucket": s3compat.declare_bucket,
        "S3BucketPart": openstack.declare_nothing, "S3Other": openstack.declare_nothing,
        "Harbor": harbor.declare_harbor, "SshKey": openstack.declare_nothing,
    }
    LOWER = {
        "Cluster": kube.lower_cluster, "NodePool": nodepool.lower_pool,
        "Oidc": kube_attach.lower_oidc,
        "ApiIpRestriction": kube_attach.lower_iprestrictions,
        "ClusterLogSubscription": kube_attach.lower_log_subscription,
        "Network": network.lower_network, "Subnet": network.lower_subnet,
        "Gateway": network.lower_gateway, "FloatingIp": network.lower_floating_ip,
        "LoadBalancer": loadbalancer.lower_loadbalancer,
        "Registry": storage.lower_registry, "RegistryUser": storage.lower_registry_user,
        "RegistryIpRestriction": storage.lower_registry_ip,
        "RegistryOidc": storage.lower_registry_oidc, "RegistryIam": storage.lower_registry_iam,
        "Bucket": storage.lower_bucket, "BucketLifecycle": lifecycle.lower_bucket_lifecycle,
        "ObjectStorageUser": storage.lower_user,
        "ObjectStorageCredential": storage.lower_credential,
        "ObjectStoragePolicy": storage.lower_policy,
        "Database": database.lower_database, "DatabaseDb": database_parts.lower_db,
        "DatabaseUser": database_parts.lower_user, "DatabaseTopic": database_parts.lower_topic,
        "DatabaseIpRestriction": database_parts.lower_ip_restriction,
        "DatabaseAcl": database_parts.lower_other, "DatabaseExtra": database_parts.lower_other,
        "Instance": compute.lower_instance, "Volume": compute.lower_volume,
        "SshKey": compute.lower_ssh_key, "Lookup": lower_lookup, "OvhOther": lower_other,
        "FileShare": files.lower_share, "Backup": files.lower_backup,
        "FileShareNetwork": files.lower_share_network,
        "LogSubscription": files.lower_log_subscription,
        "RouterInterface": openstack_network.lower_router_interface,
        "SecurityGroup": openstack.lower_secgroup, "SecurityRule": openstack.lower_secgroup_rule,
        "VolumeAttachment": openstack.lower_volume_attach,
        "OpenStackOther": openstack.lower_other, "S3Bucket": s3compat.lower_bucket,
        "S3BucketPart": s3compat.lower_part, "S3Other": s3compat.lower_other,
        "Harbor": harbor.lower_harbor,
    }
    # OpenStack types of OVH whose concept lowering needs their argument names first.
    OPENSTACK_LOWER = {"openstack_networking_network_v2": openstack_network.lower_network,
                       "openstack_networking_subnet_v2": openstack_network.lower_subnet,
                       "openstack_networking_router_v2": openstack_network.lower_router,
                       "openstack_compute_instance_v2": openstack.lower_instance,
                       "openstack_blockstorage_volume_v3": openstack.lower_volume,
                       "openstack_blockstorage_volume_v2": openstack.lower_volume,
                       "openstack_networking_floatingip_v2": openstack_network.lower_floating_ip}

    def workload_grants(self, facts: Any, mounts: list[Any], sink: Sink) -> dict[str, str]:
        """Estate runs: Terraform granting the workloads' accounts their buckets."""
        from .workload_iam import grants
        return grants(facts, mounts, sink)

    def mappers(self, ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
        out = {"region": lambda s: C.region_of(ctx, s), "zone": lambda s: C.zone_of(ctx, s),
               "flavor": lambda s: C.machine_of(ctx, s),
               "db_flavor": lambda s: cloudsql.tier_of(ctx, s)}
        for engine in ctx.tables.databases["engines"]:
            out[f"db_version:{engine}"] = cloudsql.version_mapper(ctx, engine)
        return out

    def lower_resource(self, ctx: Ctx, node: N.Resource) -> None:
        # Only when read as OVH (an openstack provider of another cloud leaves them Opaque).
        lower = self.OPENSTACK_LOWER.get(node.type) if node.KIND not in ("Opaque",
                                                                         "Lookup") else None
        (lower or super().lower_resource)(ctx, node)

    def finish(self, ctx: Ctx) -> None:
        called = {n.local_path for m in ctx.model.modules for n in m.nodes
                  if isinstance(n, N.ModuleCall) and n.local_path is not None}
        for module in ctx.model.modules:
            path = module.path
            if path not in called:  # a root module configures the provider
                self._root_scaffold(ctx, path)
            if ctx.output_mentions(path, "data", "google_client_config"):
                ctx.scaffold("google_client_config.default", path, providers._client_config)
        providers.add_extra_providers(ctx)
        database_net.pass_connections(ctx)  # (the module calls are lowered by now)
        locations.check(ctx)  # last: every location is written by now
        localfiles.check(ctx)
        services.say(ctx)

    def _root_scaffold(self, ctx: Ctx, path: str) -> None:
        # resources without a region (subnetworks...) take the provider's: a root whose OVH
        # resources name none still names one in its provider "openstack"
        openstack_region(ctx, path, "google")
        # (another name where the source declares one of it: scaffold_names)
        project = free_variable_name(ctx, path, C.PROJECT_VAR)

        def provider(p: TfBlock, path: str) -> TfBlock:
            p.set("project", E.ref(f"var.{project}"))
            region = ctx.default_region.get(path)
            if region is not None:
                p.set("region", region)
            return p
        configure_roots(ctx, providers.CLOUD, provider, [path])

        def variable() -> TfBlock:
            v = TfBlock("variable", (project,),
                        comments=["scaffolding: the GCP project that replaces the OVH "
                                  "Public Cloud project"])
            v.set("type", E.Var("string"))
            v.set("description", E.Literal("GCP project id"))
            return v
        # (a root written for GCP: a second `provider "google"` without alias fails init)
        if declares(ctx, path, "google") and not ctx.output_mentions(path, "var", project):
            return  # its own provider names the project; an unused required variable
            # would make every plan ask for it
        ctx.scaffold("project_var", path, variable)
