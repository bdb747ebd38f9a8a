"""OVH block volumes, attachments, file shares and backups read into neutral specs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .geo import Location, read_location
from .reader import Reader, Value, number, value


class VolumeClass(Enum):
    STANDARD = "standard"  # OVH classic: HDD-backed, capped IOPS
    SSD = "ssd"  # OVH high-speed
    HIGH_IOPS = "high-iops"  # OVH high-speed-gen2: IOPS grow with size


_CLASSES = {"classic": VolumeClass.STANDARD, "high-speed": VolumeClass.SSD,
            "high-speed-gen2": VolumeClass.HIGH_IOPS}


@dataclass(frozen=True, slots=True)
class Size:
    """A size in GB: `gb` when literal, else the source expression only."""

    source: E.Expr | None
    gb: float | None = None


def read_size(expr: E.Expr | None) -> Size:
    return Size(expr, number(expr))


@dataclass(frozen=True, slots=True)
class VolumeSpec:
    name: Value
    location: Location
    zone: Value
    size: Size
    volume_class: VolumeClass | None  # None: not set or not an OVH type name
    type: Value  # the OVH type as written ("high-speed-gen2", "CLASSIC_LUKS"...)
    luks: bool  # an encrypted (LUKS) OVH volume type
    encryption: E.Expr | None  # the encryption argument/block as written
    from_snapshot: E.Expr | None
    from_image: E.Expr | None
    description: E.Expr | None
    read: tuple[str, ...]


def volume_class(text: str | None) -> tuple[VolumeClass | None, bool]:
    """("high-speed-gen2" | "HIGH_SPEED_GEN2_LUKS") -> (class, luks)."""
    if not text:
        return None, False
    base = text.lower().replace("_", "-")
    luks = base.endswith("luks")
    return _CLASSES.get(base.replace("-luks", "")), luks


def read_volume(r: Reader, node: N.Resource) -> VolumeSpec:
    """ovh_cloud_project_volume, ovh_cloud_storage_block_volume, openstack_blockstorage_*."""
    type_raw = node.get("type") or node.get("volume_type")
    kind = value(r, node, type_raw)
    cls, luks = volume_class(kind.text)
    return VolumeSpec(
        name=value(r, node, node.get("name")),
        location=read_location(r, node, node.get("region_name") or node.get("region")),
        zone=value(r, node, node.get("availability_zone")), size=read_size(node.get("size")),
        volume_class=cls, type=kind, luks=luks, encryption=node.get("encryption"),
        from_snapshot=node.get("snapshot_id") or node.get("create_from"),
        from_image=node.get("image_id"), description=node.get("description"),
        read=("name", "region_name", "region", "availability_zone", "size", "type",
              "volume_type", "encryption", "description"))


@dataclass(frozen=True, slots=True)
class AttachmentSpec:
    instance: E.Expr | None
    volume: E.Expr | None
    device: E.Expr | None  # "/dev/sdb" as the guest sees it (OpenStack picks one if unset)


def read_attachment(r: Reader, node: N.Resource) -> AttachmentSpec:
    return AttachmentSpec(node.get("instance_id"), node.get("volume_id"), node.get("device"))


@dataclass(frozen=True, slots=True)
class FileShareSpec:
    name: Value
    location: Location
    zone: Value
    protocol: str  # "NFS" unless written otherwise (upper-cased); "" when computed
    protocol_source: E.Expr | None
    size: Size
    network: E.Expr | None  # the private network the share is exported on
    network_module: str  # where `network` is written (the share network's module)
    subnet: E.Expr | None
    share_network: N.Resource | None
    description: E.Expr | None
    share_type: E.Expr | None
    from_snapshot: E.Expr | None
    read: tuple[str, ...]


def read_share(r: Reader, node: N.Resource) -> FileShareSpec:
    proto_raw = node.get("protocol")
    proto = r.literal(proto_raw, node) if proto_raw is not None else "NFS"
    direct = node.get("network_id")
    share_net = r.resolve(node.get("share_network_id"), node.module)
    network, module, subnet = direct, node.module, node.get("subnet_id")
    if direct is None and share_net is not None:
        network, module = share_net.get("network_id"), share_net.module
        subnet = share_net.get("subnet_id")
    return FileShareSpec(
        name=value(r, node, node.get("name")),
        location=read_location(r, node, node.get("region_name") or node.get("region")),
        zone=value(r, node, node.get("availability_zone")),
        protocol=(proto or "").upper(), protocol_source=proto_raw,
        size=read_size(node.get("size")), network=network, network_module=module,
        subnet=subnet, share_network=share_net, description=node.get("description"),
        share_type=node.get("share_type") or node.get("type"),
        from_snapshot=node.get("snapshot_id"),
        read=("name", "region_name", "region", "availability_zone", "protocol", "size",
              "network_id", "subnet_id", "share_network_id"))


class BackupKind(Enum):
    SNAPSHOT = "snapshot"  # one point-in-time copy
    BACKUP = "backup"  # one copy kept apart from the volume
    SCHEDULE = "schedule"  # recurring copies with a rotation


@dataclass(frozen=True, slots=True)
class BackupSpec:
    kind: BackupKind
    of: E.Expr | None  # the instance, volume or share it copies
    cron: E.Expr | None = None
    rotation: E.Expr | None = None  # how many copies are kept


def read_backup(r: Reader, node: N.Resource) -> BackupSpec:
    of = node.get("instance_id") or node.get("volume_id") or node.get("share_id")
    if node.get("cron") is not None:
        return BackupSpec(BackupKind.SCHEDULE, of, node.get("cron"), node.get("rotation"))
    t = node.canonical_type or node.type
    return BackupSpec(BackupKind.SNAPSHOT if t.endswith("snapshot") else BackupKind.BACKUP, of)


@dataclass(frozen=True, slots=True)
class LogSubscriptionSpec:
    source: E.Expr | None  # the load balancer whose logs are forwarded
    kind: E.Expr | None
    stream: E.Expr | None  # an OVH Logs Data Platform stream


def read_log_subscription(r: Reader, node: N.Resource) -> LogSubscriptionSpec:
    return LogSubscriptionSpec(node.get("loadbalancer_id"), node.get("kind"),
                               node.get("stream_id"))
