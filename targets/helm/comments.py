"""Comments in values.yaml for chart parameters whose defaults are documentation placeholders."""

from __future__ import annotations

from .identity import PLACEHOLDER

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


def secret_comments(values_yaml: str, keys: dict[str, tuple[str, ...]]) -> str:
    """Above each `existingSecret: NAME`, the keys that Secret must hold: the chart reads it
    and never creates it, so `helm upgrade` cannot blank the values."""
    out: list[str] = []
    for line in values_yaml.split("\n"):
        key, _, value = line.strip().partition(": ")
        if key == "existingSecret" and value.strip("'\"") in keys:
            ind = line[:len(line) - len(line.lstrip())]
            out.append(f"{ind}# an existing Secret with keys "
                       f"{', '.join(keys[value.strip(chr(39) + chr(34))])}; create it before "
                       "installing (see NOTES.txt)")
        out.append(line)
    return "\n".join(out)


def client_id_comments(values_yaml: str) -> str:
    """Above each `clientID: <terraform output X>` (identity.lift_client_ids), how to set it:
    the Blob PersistentVolumes mount with that managed identity (IT355)."""
    out: list[str] = []
    for line in values_yaml.split("\n"):
        key, _, value = line.strip().partition(": ")
        m = PLACEHOLDER.fullmatch(value.strip("'\"")) if key.startswith("clientID") else None
        if m:
            ind = line[:len(line) - len(line.lstrip())]
            out.append(f"{ind}# TODO(IT355): the client id of the managed identity the Blob "
                       "PersistentVolumes mount with, known once the Terraform is applied: "
                       f"--set-string it to `terraform output -raw {m.group(1)}` before "
                       "installing")
        out.append(line)
    return "\n".join(out)
