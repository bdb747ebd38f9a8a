"""OVH flavors read once into a neutral machine shape (vCPU, RAM, GPUs) that targets fit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .reader import Reader


@dataclass(frozen=True)
class Gpu:
    model: str  # the vocabulary of the OVH and target GPU tables: "L4", "V100S", "A100-80"...
    count: int
    memory_gb: float


@dataclass(frozen=True)
class MachineSpec:
    """What an OVH flavor is. `flavor` is the literal name (None when computed); `vcpu`,
    `ram_gb` and `gpu` are None/absent when the flavor is computed or not in the table."""

    source: E.Expr | None
    flavor: str | None = None
    vcpu: int | None = None
    ram_gb: float | None = None
    gpu: Gpu | None = None
    family: str | None = None

    @property
    def known(self) -> bool:
        return self.vcpu is not None

    def as_table_row(self) -> dict[str, Any]:
        """The flavor as the fit tables read it (targets/fit.py)."""
        row: dict[str, Any] = {"vcpu": self.vcpu, "ram_gb": self.ram_gb, "gpu": None}
        if self.gpu is not None:
            row["gpu"] = {"model": self.gpu.model, "count": self.gpu.count,
                          "memory_gb": self.gpu.memory_gb}
        return row


def machine_of(name: str, flavors: Mapping[str, Any], kind: str = "instance",
               source: E.Expr | None = None) -> MachineSpec:
    """The shape of flavor `name` ("b3-8", "l4-90") from the OVH flavor table."""
    row = flavors[kind].get(name.strip().lower())
    if row is None:
        return MachineSpec(source, name)
    gpu = row.get("gpu")
    return MachineSpec(source, name, int(row["vcpu"]), float(row["ram_gb"]),
                       Gpu(str(gpu["model"]), int(gpu["count"]), float(gpu.get("memory_gb", 0)))
                       if gpu else None, row.get("family"))


def read_machine(r: Reader, node: N.Resource, expr: E.Expr | None,
                 kind: str = "instance") -> MachineSpec:
    """A flavor argument: literal, or through a variable default or a local."""
    text = r.literal(expr, node) if expr is not None else None
    if text is None:
        return MachineSpec(expr)
    return machine_of(text, r.ovh_flavors, kind, expr)
