"""Target-neutral IR: frozen dataclasses for Terraform blocks and OVH infrastructure concepts."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field
from typing import ClassVar

from ..span import Span
from . import expr as E


@dataclass(frozen=True, slots=True)
class Meta:
    """Terraform meta-arguments, kept as expressions (never evaluated or flattened)."""

    count: E.Expr | None = None
    for_each: E.Expr | None = None
    depends_on: E.Expr | None = None
    provider: E.Expr | None = None
    lifecycle: E.Expr | None = None  # BlockSeq of the lifecycle block
    extra: tuple[tuple[str, E.Expr], ...] = ()  # provisioner / connection blocks


@dataclass(frozen=True)
class Node:
    """Any top-level block.  `args` holds every argument and nested block (as BlockSeq)."""

    span: Span = field(compare=False)
    labels: tuple[str, ...]
    args: tuple[tuple[str, E.Expr], ...] = ()
    # Each argument's name and span, flat (name, span, name, span...): a pair per argument
    # was 10 MB at 20,000 resources. Read through arg_span.
    arg_spans: tuple[str | Span, ...] = field(default=(), compare=False)
    module: str = ""  # module directory relative to the input root ("" = root module)

    def arg(self, name: str) -> E.Expr | None:
        for k, v in self.args:
            if k == name:
                return v
        return None

    def arg_span(self, name: str) -> Span:
        spans = self.arg_spans
        for i in range(0, len(spans), 2):
            if spans[i] == name:
                return spans[i + 1]  # type: ignore[return-value]
        v = self.arg(name)
        return v.span if v is not None and v.span is not None else self.span

    def get(self, path: str) -> E.Expr | None:
        """Follow a dotted path through nested single blocks / objects (`template.spec.taints`)."""
        head, _, rest = path.partition(".")
        value = self.arg(head)
        for part in rest.split(".") if rest else ():
            value = E.obj_get(first_object(value), part)
        return value


def first_object(value: E.Expr | None) -> E.Object | None:
    """The body of the first nested block (or the object itself)."""
    if isinstance(value, E.BlockSeq):
        for item in value.items:
            if isinstance(item, E.Object):
                return item
        return None
    return value if isinstance(value, E.Object) else None


@dataclass(frozen=True)
class Resource(Node):
    """A `resource` or `data` block.  Concept subclasses add a neutral FIELDS vocabulary."""

    type: str = ""  # as written in the source
    canonical_type: str = ""  # after alias resolution (new ovh_cloud_* names, removed types)
    mode: str = "managed"  # or "data"
    meta: Meta = Meta()

    KIND: ClassVar[str] = "resource"
    # neutral field name -> source argument path; the target lowering reads through these.
    FIELDS: ClassVar[dict[str, str]] = {}

    @property
    def name(self) -> str:
        return self.labels[1]

    @property
    def address(self) -> str:
        prefix = "data." if self.mode == "data" else ""
        return f"{prefix}{self.type}.{self.name}"

    def field_value(self, neutral: str) -> E.Expr | None:
        return self.get(self.FIELDS.get(neutral, neutral))


def _frozen(self: object, name: str, value: object = None) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _concept(kind: str, doc: str, fields: dict[str, str]) -> type[Resource]:
    # A concept adds no dataclass field: it inherits Resource's generated __init__, __eq__,
    # __hash__ and __repr__ (which use the instance's class). Running dataclass() again per
    # concept regenerated them all, ~100 ms at import for 46 concepts.
    return type(kind, (Resource,), {"__doc__": doc, "KIND": kind, "FIELDS": fields,
                                    "__module__": __name__, "__slots__": (),
                                    "__setattr__": _frozen, "__delattr__": _frozen})


# The concept vocabulary.  Each maps neutral names onto OVH argument paths so that lowering code
# reads `pool.field_value("labels")` and not `template.metadata.labels`.
Cluster = _concept("Cluster", "A managed Kubernetes control plane.", {
    "network": "private_network_id", "nodes_subnet": "nodes_subnet_id",
    "lb_subnet": "load_balancers_subnet_id", "routing": "private_network_configuration",
    "pods_cidr": "ip_allocation_policy.pods_ipv4_cidr",
    "services_cidr": "ip_allocation_policy.services_ipv4_cidr"})
NodePool = _concept("NodePool", "A group of identical worker nodes of one cluster.", {
    "cluster": "kube_id", "flavor": "flavor_name", "desired": "desired_nodes",
    "min": "min_nodes", "max": "max_nodes", "zones": "availability_zones",
    "labels": "template.metadata.labels", "annotations": "template.metadata.annotations",
    "finalizers": "template.metadata.finalizers", "taints": "template.spec.taints",
    "unschedulable": "template.spec.unschedulable"})
Oidc = _concept("Oidc", "OIDC authentication for a cluster's API server.", {"cluster": "kube_id"})
ApiIpRestriction = _concept("ApiIpRestriction", "An allow-list of CIDRs for a cluster API.", {
    "cluster": "kube_id", "cidrs": "ips"})
ClusterLogSubscription = _concept("ClusterLogSubscription", "Audit-log forwarding of a cluster.",
                                  {"cluster": "kube_id"})
Network = _concept("Network", "A private (vRack) network, possibly spanning regions.", {})
Subnet = _concept("Subnet", "An IP subnet of a private network in one region.", {})
Gateway = _concept("Gateway", "A gateway giving a private subnet outbound internet access.", {})
LoadBalancer = _concept("LoadBalancer", "A standalone (Octavia) load balancer.", {})
FloatingIp = _concept("FloatingIp", "A public IP that can be attached to a resource.", {})
Registry = _concept("Registry", "A managed container registry.", {})
RegistryUser = _concept("RegistryUser", "A local user of a container registry.", {
    "registry": "registry_id"})
RegistryIpRestriction = _concept("RegistryIpRestriction", "An IP allow-list of a registry.", {
    "registry": "registry_id"})
RegistryOidc = _concept("RegistryOidc", "OIDC login configuration of a registry.", {
    "registry": "registry_id"})
RegistryIam = _concept("RegistryIam", "IAM integration switch of a registry.", {
    "registry": "registry_id"})
Bucket = _concept("Bucket", "An S3-compatible object storage bucket.", {})
BucketLifecycle = _concept("BucketLifecycle", "Lifecycle rules of a bucket.", {})
ObjectStorageUser = _concept("ObjectStorageUser", "A project user (S3/OpenStack identity).", {})
ObjectStorageCredential = _concept("ObjectStorageCredential", "An S3 access key of a user.", {
    "user": "user_id"})
ObjectStoragePolicy = _concept("ObjectStoragePolicy", "An S3 access policy of a user.", {
    "user": "user_id"})
Database = _concept("Database", "A managed database or data service cluster.", {})
DatabaseDb = _concept("DatabaseDb", "A logical database inside a database cluster.", {
    "cluster": "cluster_id"})
DatabaseUser = _concept("DatabaseUser", "A user of a database cluster.", {"cluster": "cluster_id"})
DatabaseTopic = _concept("DatabaseTopic", "A Kafka topic.", {"cluster": "cluster_id"})
DatabaseAcl = _concept("DatabaseAcl", "A Kafka ACL.", {"cluster": "cluster_id"})
DatabaseIpRestriction = _concept("DatabaseIpRestriction", "An IP allowed to reach a database.", {
    "cluster": "cluster_id"})
DatabaseExtra = _concept("DatabaseExtra", "A database add-on with no portable meaning "
                         "(pools, integrations, log subscriptions, prometheus endpoints).", {
    "cluster": "cluster_id"})
Instance = _concept("Instance", "A virtual machine.", {})
FileShare = _concept("FileShare", "A managed NFS file share.", {})
FileShareNetwork = _concept("FileShareNetwork", "The network a file share is exported on.", {})
Backup = _concept("Backup", "A snapshot, backup or backup schedule of a VM or volume.", {})
LogSubscription = _concept("LogSubscription", "Log forwarding to Logs Data Platform.", {})
Volume = _concept("Volume", "A block storage volume.", {})
SshKey = _concept("SshKey", "An SSH public key registered in the project.", {})
Lookup = _concept("Lookup", "A read-only capability or inventory lookup (data source).", {})
OvhOther = _concept("OvhOther", "A known OVH type with no cross-cloud concept.", {})
# OVH resources written with other providers (OVH Public Cloud is OpenStack; OVH Object Storage
# speaks S3): recognised by the frontend, so they are never passed to the new cloud unchanged.
SecurityGroup = _concept("SecurityGroup", "A security group (firewall rules bound to ports).", {})
SecurityRule = _concept("SecurityRule", "One rule of a security group.", {
    "group": "security_group_id"})
RouterInterface = _concept("RouterInterface", "A subnet attached to a router.", {
    "router": "router_id", "subnet": "subnet_id"})
VolumeAttachment = _concept("VolumeAttachment", "A block volume attached to a VM.", {
    "instance": "instance_id", "volume": "volume_id"})
OpenStackOther = _concept("OpenStackOther", "An OpenStack resource of OVH Public Cloud with "
                          "no cross-cloud concept.", {})
S3Bucket = _concept("S3Bucket", "A bucket of OVH Object Storage created with the AWS provider.",
                    {})
S3BucketPart = _concept("S3BucketPart", "A setting of such a bucket (versioning, lifecycle, "
                        "CORS, policy, ACL, public access block).", {"bucket": "bucket"})
Harbor = _concept("Harbor", "An object of a Harbor registry (the software behind OVH Managed "
                  "Private Registry), managed through its own API.", {})
S3Other = _concept("S3Other", "Another AWS resource created against OVH Object Storage.", {})


@dataclass(frozen=True)
class Opaque(Resource):
    """Any non-OVH resource or unknown type: passed through with references rewritten."""

    KIND: ClassVar[str] = "Opaque"


@dataclass(frozen=True)
class Variable(Node):
    KIND: ClassVar[str] = "Variable"

    @property
    def name(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class Locals(Node):
    """One `locals` block (each argument is a local value)."""

    KIND: ClassVar[str] = "Locals"


@dataclass(frozen=True)
class Output(Node):
    KIND: ClassVar[str] = "Output"

    @property
    def name(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class ModuleCall(Node):
    """A `module` block; `local_path` is set when its source is a local directory we read."""

    local_path: str | None = None
    KIND: ClassVar[str] = "ModuleCall"

    @property
    def name(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class Provider(Node):
    KIND: ClassVar[str] = "Provider"

    @property
    def name(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class TerraformSettings(Node):
    """The `terraform` block: required_version, required_providers, backend, cloud."""

    KIND: ClassVar[str] = "TerraformSettings"


@dataclass(frozen=True)
class MetaBlock(Node):
    """moved / import / check / removed blocks, kept and rewritten where possible."""

    block_type: str = ""
    KIND: ClassVar[str] = "MetaBlock"


@dataclass(frozen=True)
class Module:
    """One Terraform module (a directory) and its blocks in source order."""

    path: str  # relative directory, "" for the root
    files: tuple[str, ...]
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class TfVar:
    """One value a root's variable file (`terraform.tfvars`, `*.tfvars`) sets."""

    file: str  # relative to the input root, POSIX
    name: str
    value: E.Expr
    span: Span


@dataclass(frozen=True)
class Model:
    modules: tuple[Module, ...]
    tfvars: tuple[TfVar, ...] = ()  # of the root modules' directories
