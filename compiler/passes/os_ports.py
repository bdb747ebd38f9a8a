"""OpenStack ports and floating-IP associations of a server: facts of its network interface."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .reader import Reader, once

PORT = "openstack_networking_port_v2"
PORT_FIP = "openstack_networking_floatingip_associate_v2"  # floating_ip + port_id
SERVER_FIP = "openstack_compute_floatingip_associate_v2"  # floating_ip + instance_id
SERVER = "openstack_compute_instance_v2"
# What each contributes to the server's interface; any other argument is reported.
READ = {PORT: ("name", "network_id", "fixed_ip", "security_group_ids", "region",
               "admin_state_up"),
        PORT_FIP: ("floating_ip", "port_id", "region"),
        SERVER_FIP: ("floating_ip", "instance_id", "fixed_ip", "region", "wait_until_associated")}


class _Nodes(Protocol):
    @property
    def nodes(self) -> Mapping[str, Sequence[N.Node]]: ...


class PortReader(Reader, Protocol):
    @property
    def by_module(self) -> _Nodes: ...


@dataclass(frozen=True, slots=True)
class PortFacts:
    """The interface a server's first `network { port = ... }` (or an association) gives it."""

    port: N.Resource | None  # the port resource, folded into the server's interface
    network: E.Expr | None  # the port's network_id
    subnet: E.Expr | None  # its first fixed_ip's subnet_id
    fixed_ip: E.Expr | None  # its first fixed_ip's ip_address
    security_groups: E.Expr | None  # its security_group_ids
    floating_ip: E.Expr | None  # the address associated (`floating_ip` of the association)
    floating_ip_resource: N.Resource | None  # the floating IP it names, when declared here
    associations: tuple[N.Resource, ...] = ()


def port_of_server(r: PortReader, server: N.Resource) -> PortFacts | None:
    """What the server's port and floating-IP associations say; None when it has neither."""
    return _index(r, server.module)[0].get((server.type, server.name))


def folded_into(r: PortReader, node: N.Resource) -> N.Resource | None:
    """The server a port or association is folded into (its interface), or None."""
    if node.type not in (PORT, PORT_FIP, SERVER_FIP):
        return None
    return _index(r, node.module)[1].get((node.type, node.name))


def server_of_floating_ip(r: PortReader, fip: N.Resource) -> N.Resource | None:
    """The server an association gives this floating IP to, or None."""
    return _index(r, fip.module)[2].get((fip.type, fip.name))


_Key = tuple[str, str]
_Index = tuple[dict[_Key, PortFacts], dict[_Key, N.Resource], dict[_Key, N.Resource]]


def _index(r: PortReader, module: str) -> _Index:
    """Per module, once: each server's facts, and the server each folded part belongs to."""
    nodes = r.by_module.nodes.get(module, ())
    if not nodes:
        return {}, {}, {}
    return once(r, "os_ports", nodes[0], lambda: _build(r, module))


def _build(r: PortReader, module: str) -> _Index:
    by_target: dict[tuple[str, str], list[N.Resource]] = {}
    for a in _resources(r, module, (PORT_FIP, SERVER_FIP)):
        t = _target(r, a)
        if t is not None:
            by_target.setdefault(t, []).append(a)
    facts: dict[_Key, PortFacts] = {}
    parts: dict[_Key, N.Resource] = {}
    fips: dict[_Key, N.Resource] = {}
    for server in _resources(r, module, (SERVER,)):
        port = _port(r, server)
        assoc = tuple((by_target.get((port.type, port.name), []) if port is not None else []) +
                      by_target.get((server.type, server.name), []))
        if port is None and not assoc:
            continue
        fixed = N.first_object(port.get("fixed_ip")) if port is not None else None
        fip = assoc[0].get("floating_ip") if assoc else None
        facts[(server.type, server.name)] = PortFacts(
            port, port.get("network_id") if port is not None else None,
            E.obj_get(fixed, "subnet_id") if fixed is not None else None,
            E.obj_get(fixed, "ip_address") if fixed is not None else None,
            port.get("security_group_ids") if port is not None else None,
            fip, _floating_ip(r, assoc[0], fip) if fip is not None else None, assoc)
        # (the first association gives the address: any other stays unfolded, IT305)
        for part in ((port,) if port is not None else ()) + assoc[:1]:
            parts.setdefault((part.type, part.name), server)
        got = facts[(server.type, server.name)].floating_ip_resource
        if got is not None:
            fips.setdefault((got.type, got.name), server)
    return facts, parts, fips


def _port(r: PortReader, server: N.Resource) -> N.Resource | None:
    """The port of the server's first `network` block naming one."""
    nets = server.get("network")
    for net in nets.items if isinstance(nets, E.BlockSeq) else ():
        ref = E.obj_get(net, "port") if isinstance(net, E.Object) else None
        found = r.resolve(ref, server.module) if ref is not None else None
        if found is not None and found.type == PORT:
            return found
    return None


def _resources(r: PortReader, module: str, types: tuple[str, ...]) -> list[N.Resource]:
    return [n for n in r.by_module.nodes.get(module, ())
            if isinstance(n, N.Resource) and n.type in types and n.mode == "managed"]


def _target(r: PortReader, assoc: N.Resource) -> tuple[str, str] | None:
    """(type, name) of the port or server an association points at."""
    ref = assoc.get("port_id" if assoc.type == PORT_FIP else "instance_id")
    found = r.resolve(ref, assoc.module) if ref is not None else None
    return (found.type, found.name) if found is not None else None


def _floating_ip(r: PortReader, assoc: N.Resource, fip: E.Expr) -> N.Resource | None:
    found = r.resolve(fip, assoc.module)
    return found if found is not None and found.type == "openstack_networking_floatingip_v2" \
        else None
