"""AKS lowerings of the compute family: Linux VMs, SSH keys, managed disks, NFS file shares."""

from __future__ import annotations

from ..tfbase.driver import Declaring, Lowering
from . import disk, files, vm

# Each module of the family exports DECLARE and LOWER; a kind none lowers stays IT305.
_FAMILIES = (disk, files, vm)

DECLARE: dict[str, Declaring] = {k: v for m in _FAMILIES for k, v in m.DECLARE.items()}
LOWER: dict[str, Lowering] = {k: v for m in _FAMILIES for k, v in m.LOWER.items()}
