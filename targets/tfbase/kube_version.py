"""Kubernetes minor versions a managed service no longer offers: comparison and plan guard."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfBlock


def minor(version: str) -> tuple[int, int] | None:
    """(major, minor) of "1.31", "1.31.2" or "v1.31"; None for anything else."""
    m = re.match(r"v?([0-9]{1,6})\.([0-9]{1,6})(?![0-9])", version.strip())  # ASCII digits
    return (int(m.group(1)), int(m.group(2))) if m else None


def older(wanted: str | None, oldest: str) -> bool:
    """`wanted` is a version below the oldest one offered (False when either is unreadable)."""
    w, o = minor(wanted or ""), minor(oldest)
    return w is not None and o is not None and w < o


def guard(b: TfBlock, version: E.Expr, oldest: str, service: str) -> None:
    """A lifecycle precondition on `b`: a computed `version` below `oldest` stops the plan
    with the reason instead of failing at the create call. A null version (the service's
    default) passes; the OVH form is always 1.<minor>."""
    o = minor(oldest)
    assert o is not None, oldest
    life = next((i for i in b.items if isinstance(i, TfBlock) and i.type == "lifecycle"
                 and not i.labels), None)
    if life is None:
        life = b.block("lifecycle")
    pre = life.block("precondition")
    minor_of = E.Call("tonumber", (E.Index(E.Call("split", (E.Literal("."), version)),
                                           E.Literal(1)),))
    pre.set("condition", E.Call("try", (E.Binary(">=", minor_of, E.Literal(o[1])),
                                        E.Binary("==", version, E.Literal(None)))))
    pre.set("error_message", E.Literal(
        f"{service} no longer offers Kubernetes versions below {oldest}: upgrade the source "
        "cluster first, checking the workloads for APIs removed between the versions "
        "(kubectl convert, pluto)"))
