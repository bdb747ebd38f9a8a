"""The OpenStack network settings a cloud network has no use for, said at their argument."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E

from .use import Use


def settings(u: Use, network: str) -> None:
    """admin_state_up = true is exact (`network`, the target's network, is always up); any
    other value, and the OpenStack-only settings, are IT302 at their argument."""
    up = u.node.get("admin_state_up")
    if isinstance(up, E.Literal) and up.value is True:
        u.raw("admin_state_up")  # the only state the target network has
    else:
        u.drop("admin_state_up", f"a {network} is always up: delete it to take the network "
               "down")
    for k in ("mtu", "port_security_enabled", "shared", "value_specs", "tags"):
        u.drop(k, f"an OpenStack network setting with no {network} equivalent")
