"""OVH virtual machines and OpenStack servers of OVH read once into a neutral InstanceSpec."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from . import os_ports
from .geo import Location, read_location
from .machine import MachineSpec, machine_of, read_machine
from .reader import Reader, Value, once, value


class _Locals(Protocol):
    @property
    def locals(self) -> Mapping[tuple[str, str], Sequence[E.Expr]]: ...

    @property
    def nodes(self) -> Mapping[str, Sequence[N.Node]]: ...


class SourceReader(Reader, Protocol):
    """A Reader that also shows the values of locals (a flavor or image id is often a `for`
    over an OVH lookup whose filter literal names it)."""

    @property
    def by_module(self) -> _Locals: ...


class Billing(Enum):
    HOURLY = "hourly"
    MONTHLY = "monthly"  # a commitment no other cloud sells per VM the same way
    UNKNOWN = "unknown"  # computed


@dataclass(frozen=True, slots=True)
class Image:
    """The OS an instance boots: `os`/`version` ("ubuntu", "24.04") when an OVH image name is
    found in the expression (or the locals it reads), else only the source."""

    source: E.Expr | None
    name: str | None = None  # the OVH image name as written ("Ubuntu 24.04")
    os: str | None = None
    version: str | None = None


@dataclass(frozen=True, slots=True)
class InstanceNetwork:
    public: bool | None  # None: computed
    public_source: E.Expr | None
    network: E.Expr | None = None  # the private network reference (OVH id or OpenStack uuid)
    subnet: E.Expr | None = None
    floating_ip: E.Expr | None = None
    extras: tuple[tuple[str, E.Expr], ...] = ()  # created-inline objects (path, expr)
    others: E.Expr | None = None  # networks past the first (ovh_cloud_instance `networks`)
    interfaces: int = 1  # network blocks listed (OpenStack lists one per interface)
    fixed_ip: E.Expr | None = None  # the private address asked for (an OpenStack port's)
    floating_ip_resource: N.Resource | None = None  # the floating IP `floating_ip` names


@dataclass(frozen=True, slots=True)
class SshAccess:
    public_key: E.Expr | None = None  # key material created with the instance
    key_name: E.Expr | None = None  # a key registered beforehand (as written: a block or a name)
    key_name_path: str = ""

    @property
    def name(self) -> E.Expr | None:
        """The registered key's name expression (inside an OVH `ssh_key` block or direct)."""
        if isinstance(self.key_name, E.BlockSeq):
            obj = N.first_object(self.key_name)
            return E.obj_get(obj, "name") if obj is not None else None
        return self.key_name


@dataclass(frozen=True, slots=True)
class OvhOnly:
    """A set argument with no meaning outside OVH: the neutral field says which."""

    field: str
    path: str
    source: E.Expr


@dataclass(frozen=True, slots=True)
class InstanceSpec:
    name: Value
    location: Location
    zone: Value
    machine: MachineSpec
    machine_source: E.Expr | None  # the flavor argument as written
    machine_via: str | None  # None literal, "expression", or the address of a flavor lookup
    machine_lookup: N.Resource | None  # a flavor lookup that did not give a known flavor
    image: Image
    boot_volume: E.Expr | None
    network: InstanceNetwork
    ssh: SshAccess
    user_data: E.Expr | None
    billing: Billing | None  # None: not set
    security_groups: E.Expr | None
    volumes: E.Expr | None
    ovh_only: tuple[OvhOnly, ...]
    read: tuple[str, ...]  # every source path the reader took (the lowering consumes them)
    private_refs: tuple[E.Expr, ...] = ()  # every private network listed (OpenStack)
    block_devices: tuple[E.Object, ...] = ()  # OpenStack boot/extra volume mappings


_OS = re.compile(r"^\s*(ubuntu|debian|rocky(?: linux)?|alma ?linux|centos(?: stream)?|fedora)"
                 r"\s+(\d+(?:\.\d+)?)\s*$", re.IGNORECASE)
_OS_NAMES = {"rocky linux": "rocky", "rocky": "rocky", "alma linux": "almalinux",
             "almalinux": "almalinux", "centos stream": "centos"}


def os_of(name: str) -> tuple[str, str] | None:
    """"Ubuntu 24.04" -> ("ubuntu", "24.04"); None for names that are not a plain OS image."""
    m = _OS.match(name)
    if m is None:
        return None
    family = m.group(1).lower()
    return _OS_NAMES.get(family, family), m.group(2)


def find_literal(r: SourceReader, node: N.Resource, expr: E.Expr | None,
                 known: Callable[[str], bool]) -> str | None:
    """The one `known` string among the literals of `expr` and of the locals it reads."""
    if expr is None:
        return None
    exprs = [expr]
    for sub in E.walk(expr):
        t = E.traversal(sub)
        if t and t[0] == "local" and t[1]:
            exprs.extend(r.by_module.locals.get((node.module, str(t[1][0][1])), []))
    hits = {s for e in exprs for sub in E.walk(e)
            if isinstance(sub, E.Literal) and (s := E.str_value(sub)) and known(s)}
    return hits.pop() if len(hits) == 1 else None


def read_image(r: SourceReader, node: N.Resource, expr: E.Expr | None) -> Image:
    name = r.literal(expr, node) if expr is not None else None
    if name is None or os_of(name) is None:
        name = find_literal(r, node, expr, lambda s: os_of(s) is not None)
    found = os_of(name) if name else None
    return Image(expr, name, *found) if found else Image(expr)


def _read_flavor(r: SourceReader, node: N.Resource, raw: E.Expr | None
                 ) -> tuple[MachineSpec, str | None, N.Resource | None]:
    spec = read_machine(r, node, raw)
    if spec.known or raw is None:
        return spec, None, None
    flavors = r.ovh_flavors["instance"]
    found = find_literal(r, node, raw, lambda s: s.strip().lower() in flavors)
    if found is not None:
        return machine_of(found, r.ovh_flavors, source=raw), "expression", None
    lookup = r.resolve(raw, node.module)
    if lookup is not None:
        flt = r.literal(lookup.get("name_filter"), lookup)
        if flt and flt.strip().lower() in flavors:
            return machine_of(flt, r.ovh_flavors, source=raw), lookup.address, None
        return spec, None, lookup
    return spec, None, None


def _billing(r: Reader, node: N.Resource, expr: E.Expr | None) -> Billing | None:
    if expr is None:
        return None
    text = (r.literal(expr, node) or "").lower()
    return Billing(text) if text in ("hourly", "monthly") else Billing.UNKNOWN


# Arguments with no meaning outside OVH (fields_compute.json says why), per reading.
_OVH_ONLY = {"billing_period": "billing", "auto_backup": "auto_backup", "group": "placement",
             "group_id": "placement", "bulk": "count", "power_state": "power_state",
             "shares": "shares", "timeouts": "timeouts"}


def read_instance(r: SourceReader, node: N.Resource) -> InstanceSpec:
    """Read once per node: declaring, lowering, groups and keys each ask for it."""
    return once(r, "instance", node, lambda: read_server(r, node) if node.type ==
                "openstack_compute_instance_v2" else read_ovh_instance(r, node))


def read_ovh_instance(r: SourceReader, node: N.Resource) -> InstanceSpec:
    """ovh_cloud_project_instance (blocks) and ovh_cloud_instance (flat arguments)."""
    nested = node.get("flavor") is not None
    raw = node.get("flavor.flavor_id") if nested else node.get("flavor_id")
    machine, via, lookup = _read_flavor(r, node, raw)
    image_raw = node.get("boot_from.image_id") if node.get("boot_from") is not None \
        else node.get("image_id")
    key = N.first_object(node.get("ssh_key_create"))
    key_path = "ssh_key" if node.get("ssh_key") is not None else "ssh_key_name"
    existing = node.get("ssh_key") or node.get("ssh_key_name")
    ssh = SshAccess(E.obj_get(key, "public_key") if key is not None else None, existing,
                    key_path if existing is not None else "")
    only = tuple(OvhOnly(field, path, v) for path, field in _OVH_ONLY.items()
                 if (v := node.get(path)) is not None)
    return InstanceSpec(
        name=value(r, node, node.get("name")),
        location=read_location(r, node, node.get("region")),
        zone=value(r, node, node.get("availability_zone")),
        machine=machine, machine_source=raw, machine_via=via, machine_lookup=lookup,
        image=read_image(r, node, image_raw), boot_volume=node.get("boot_from.volume_id"),
        network=_read_network(node), ssh=ssh, user_data=node.get("user_data"),
        billing=_billing(r, node, node.get("billing_period")),
        security_groups=node.get("security_group_ids"), volumes=node.get("volume_ids"),
        ovh_only=only,
        read=("name", "region", "availability_zone", "flavor", "flavor.flavor_id",
              "flavor_id", "boot_from", "boot_from.image_id", "boot_from.volume_id",
              "image_id", "network", "networks", "ssh_key_create", "ssh_key", "ssh_key_name",
              "user_data", "security_group_ids", "volume_ids", *_OVH_ONLY))


def _read_network(node: N.Resource) -> InstanceNetwork:
    net = N.first_object(node.get("network"))
    public = E.obj_get(net, "public") if net is not None else None
    private = N.first_object(E.obj_get(net, "private")) if net is not None else None
    network = subnet = floating = None
    extras: list[tuple[str, E.Expr]] = []
    if private is not None:
        inner = N.first_object(E.obj_get(private, "network"))
        network = E.obj_get(inner, "id") if inner is not None else None
        subnet = E.obj_get(inner, "subnet_id") if inner is not None else None
        fip = N.first_object(E.obj_get(private, "floating_ip"))
        floating = E.obj_get(fip, "id") if fip is not None else None
        extras = [(f"network.private.{name}", v) for k, v in private.items
                  if (name := E.key_name(k)) not in ("network", None)]
    if public is None:
        # OVH gives an instance a public interface unless told otherwise.
        is_public: bool | None = True
    else:
        is_public = public.value if isinstance(public, E.Literal) and isinstance(
            public.value, bool) else None
    others = node.get("networks")
    listed = [i for i in others.items if isinstance(i, E.Object)] if isinstance(
        others, E.Tuple) else []
    if listed and network is None and subnet is None:
        # ovh_cloud_instance lists its private networks: the first is the main interface.
        network, subnet = E.obj_get(listed[0], "network_id"), E.obj_get(listed[0], "subnet_id")
        others = others if len(listed) > 1 or len(listed) != len(others.items) else None
    return InstanceNetwork(is_public, public, network, subnet, floating, tuple(extras), others,
                           max(1, len(listed)))


# The openstack_compute_instance_v2 arguments that mean nothing outside OpenStack.
_OPENSTACK_ONLY = {"power_state": "power_state", "scheduler_hints": "placement",
             "config_drive": "config_drive", "admin_pass": "admin_password",
             "stop_before_destroy": "stop_before_destroy", "force_delete": "force_delete",
             "timeouts": "timeouts"}


def objects(v: E.Expr | None) -> tuple[E.Object, ...]:
    if isinstance(v, E.BlockSeq):
        return tuple(i for i in v.items if isinstance(i, E.Object))
    return ()


def is_ext_net(net: E.Object) -> bool:
    """OVH's public network is named Ext-Net: listing it gives the server a public IP."""
    return "ext-net" in (E.str_value(E.obj_get(net, "name")) or "").lower()


def read_server(r: SourceReader, node: N.Resource) -> InstanceSpec:
    raw = node.get("flavor_name") or node.get("flavor_id")
    machine, via, lookup = _read_flavor(r, node, raw)
    image_raw = node.get("image_name") or node.get("image_id")
    nets = objects(node.get("network"))
    public = any(is_ext_net(n) for n in nets)
    port = os_ports.port_of_server(r, node)
    refs = tuple(ref for n in nets if not is_ext_net(n)
                 if (ref := E.obj_get(n, "uuid") or E.obj_get(n, "name") or
                     (port.network if port is not None and E.obj_get(n, "port") is not None
                      else None)) is not None)
    network = InstanceNetwork(public, None, refs[0] if refs else None, interfaces=len(nets))
    if port is not None:  # (its port and floating IP are this interface's facts)
        network = replace(network, subnet=port.subnet, fixed_ip=port.fixed_ip,
                          floating_ip=port.floating_ip,
                          floating_ip_resource=port.floating_ip_resource)
    key = node.get("key_pair")
    only = tuple(OvhOnly(field, path, v) for path, field in _OPENSTACK_ONLY.items()
                 if (v := node.get(path)) is not None)
    return InstanceSpec(
        name=value(r, node, node.get("name")),
        location=read_location(r, node, node.get("region")),
        zone=value(r, node, node.get("availability_zone")),
        machine=machine, machine_source=raw, machine_via=via, machine_lookup=lookup,
        image=read_image(r, node, image_raw), boot_volume=None, network=network,
        ssh=SshAccess(None, key, "key_pair" if key is not None else ""),
        user_data=node.get("user_data"), billing=None,
        # (attached through a port, the port's groups are the interface's)
        security_groups=node.get("security_groups") or (
            port.security_groups if port is not None else None),
        volumes=None, ovh_only=only,
        read=("name", "region", "availability_zone", "flavor_name", "flavor_id", "image_name",
              "image_id", "network", "key_pair", "user_data", "security_groups",
              "block_device", *_OPENSTACK_ONLY),
        private_refs=refs, block_devices=objects(node.get("block_device")))


@dataclass(frozen=True, slots=True)
class SshKeySpec:
    name: Value
    public_key: E.Expr | None
    location: Location  # OVH keys may be regional; most targets' keys are regional anyway


def read_ssh_key(r: Reader, node: N.Resource) -> SshKeySpec:
    return SshKeySpec(value(r, node, node.get("name")), node.get("public_key"),
                      read_location(r, node, node.get("region")))
