"""AKS lowerings of the compute family (empty until it lands: IT305)."""

from __future__ import annotations

from ..tfbase.driver import Declaring, Lowering

DECLARE: dict[str, Declaring] = {}
LOWER: dict[str, Lowering] = {}
