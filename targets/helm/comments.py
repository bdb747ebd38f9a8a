"""Comments in values.yaml for chart parameters whose defaults are documentation placeholders."""

from __future__ import annotations

# IR field -> the workload's key in values.yaml.
_KEYS = {"image": "image", "gpu": "resources", "cpu": "resources"}


def placeholder_comments(values_yaml: str, placeholders: dict[str, tuple[str, ...]]) -> str:
    """Put `# TODO(IT230)` above each parameter of `workloads.<name>` whose value was filled
    from a placeholder, so the chart's user sees which values to set (`--set` or -f)."""
    lines = values_yaml.split("\n")
    out: list[str] = []
    workload = None
    for line in lines:
        if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            workload = line.strip()[:-1].strip("'\"")
        key = line.strip().split(":", 1)[0] if line.startswith("    ") and \
            not line.startswith("     ") else None
        fields = placeholders.get(workload or "", ())
        if key and any(_KEYS.get(f) == key for f in fields):
            out.append(f"    # TODO(IT230): the source gave a documentation placeholder; set "
                       f"workloads.{workload}.{key}")
        out.append(line)
    return "\n".join(out)
