"""A target's shipped data table, registered (and schema-checked) in targets/mapping.py."""

from __future__ import annotations

from typing import Any

from ..mapping import data_table


def shipped(rel: str) -> dict[str, Any]:
    """The table `rel` ("aks/compute.json"); one that targets/mapping.py does not register is
    a programming error (its schema would go unchecked), not a table read on the side."""
    found = data_table(rel)
    if found is None:
        raise KeyError(f"{rel} is not registered in targets/mapping.py (_FILES)")
    return found
