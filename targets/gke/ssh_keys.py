"""GKE: a registered SSH key (OpenStack key pair, OVH project key) is the ssh-keys of its VMs."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes.reader import once

from ..tfbase.context import Ctx
from ..tfbase.use import Use, not_translated

# GCP has no project key object: a key registered for the servers that name it (OpenStack
# injects it at their boot) is each such VM's `ssh-keys` metadata.
_unused = not_translated(
    "IT338", "{address} is not translated: GCP has no project SSH key object; use OS Login or "
    "instance metadata `ssh-keys`")


def registered_key(ctx: Ctx, node: N.Resource, ssh: M.SshAccess) -> N.Resource | None:
    """The key declared here that an instance names, when it holds its public key."""
    name = ssh.name
    found = ctx.resolve(name, node.module) if name is not None else None
    if found is None or found.KIND != "SshKey" or found.get("public_key") is None:
        return None
    return found


def lower_ssh_key(ctx: Ctx, node: N.Resource) -> None:
    """IT310 when the instances naming the key carry it; else IT338 (nothing on GCP)."""
    users = _users(ctx, node.module).get((node.type, node.name), [])
    if not users:
        return _unused(ctx, node)
    u = Use(ctx, node, "the ssh-keys metadata")
    for k, _ in node.args:
        u.raw(k)
    ctx.sink.add("IT310", node.span, f"{node.address} is omitted: its public key is the "
                 f"`ssh-keys` metadata of {', '.join(sorted(users))} (GCP has no project key "
                 "object)")
    u.done()


def _users(ctx: Ctx, module: str) -> dict[tuple[str, str], list[str]]:
    """Per key, the addresses of the instances of `module` naming it (once per module)."""
    nodes = ctx.by_module.nodes.get(module, [])
    if not nodes:
        return {}

    def build() -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = {}
        for vm in ctx.by_module.resources(module, "Instance"):
            key = registered_key(ctx, vm, M.read_instance(ctx, vm).ssh)
            if key is not None:
                out.setdefault((key.type, key.name), []).append(vm.address)
        return out
    return once(ctx, "gke_ssh_key_users", nodes[0], build)

