"""EKS lowering of the cluster family (kinds not listed here are reported IT305)."""

from __future__ import annotations

from ..tfbase.driver import Declaring, Lowering

DECLARE: dict[str, Declaring] = {}
LOWER: dict[str, Lowering] = {}
