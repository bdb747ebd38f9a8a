"""AKS lowerings of the compute family: Linux VMs, keys, disks, NFS shares, NSGs."""

from __future__ import annotations

from ..tfbase.driver import Declaring, Lowering
from . import disk, files, openstack, vm

# Each module of the family exports DECLARE and LOWER; a kind none lowers stays IT305.
_FAMILIES = (disk, files, vm, openstack)

DECLARE: dict[str, Declaring] = {k: v for m in _FAMILIES for k, v in m.DECLARE.items()}
LOWER: dict[str, Lowering] = {k: v for m in _FAMILIES for k, v in m.LOWER.items()}
