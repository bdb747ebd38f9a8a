"""AKS Blob PersistentVolumes' client ids as chart values, and the IT355 hint that sets them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from iac_translate.compiler.diagnostics import Sink

# What k8s/volumes writes where the client id is known only once the Terraform is applied.
PLACEHOLDER = re.compile(r"<terraform output (\w+)>")
# ... and how its IT355 says where (the Terraform directory) and which output.
_SAID = re.compile(r"once (?P<tf>\S+) is applied: its volumeAttributes\.clientID is the "
                   r"placeholder `<terraform output (?P<output>\w+)>`")


def lift_client_ids(objs: list[dict[str, Any]], values: dict[str, Any],
                    slot: Callable[[str], str]) -> None:
    """Each PersistentVolume's placeholder clientID becomes `serviceAccount.clientID` (the
    managed identity federated to the workload's ServiceAccount; another identity would be
    clientID2...), which the user sets: a chart's template is not the place to edit."""
    keys: dict[str, str] = {}
    for o in objs:
        if o["kind"] != "PersistentVolume":
            continue
        attrs = o.get("spec", {}).get("csi", {}).get("volumeAttributes") or {}
        value = attrs.get("clientID")
        if not (isinstance(value, str) and PLACEHOLDER.fullmatch(value)):
            continue
        if value not in keys:
            keys[value] = "clientID" if not keys else f"clientID{len(keys) + 1}"
            values.setdefault("serviceAccount", {})[keys[value]] = value
        attrs["clientID"] = slot(f"$w.serviceAccount.{keys[value]}")


def value_paths(workload: str, values: dict[str, Any]) -> dict[str, str]:
    """Terraform output -> the values path of the client id it gives (lift_client_ids')."""
    out: dict[str, str] = {}
    for key, value in (values.get("serviceAccount") or {}).items():
        m = PLACEHOLDER.fullmatch(value) if key.startswith("clientID") and \
            isinstance(value, str) else None
        if m:
            out[m.group(1)] = f"workloads.{workload}.serviceAccount.{key}"
    return out


def transfer(scratch: Sink, sink: Sink, paths: dict[str, str]) -> None:
    """The diagnostics of one workload's objects, into the run's sink: an IT355 whose client
    id is a chart value says to set that value (`--set-string` or a values file) instead of
    patching the manifests."""
    sink.trace.extend(scratch.trace)
    for d in scratch.sorted():
        m = _SAID.search(d.message) if d.code == "IT355" else None
        path = paths.get(m.group("output")) if m else None
        if m is None or path is None:
            sink.extend([d])
            continue
        tf, output = m.group("tf"), m.group("output")
        sink.add(d.code, d.span, d.message,
                 f"after `terraform apply` in {tf} (the output is that directory's: "
                 "re-export it from the root that calls it if it is a module), set the "
                 f"chart value {path} to it before the first install (a PersistentVolume's "
                 "source cannot be changed later): `helm install RELEASE helm "
                 f"--set-string {path}=\"$(terraform -chdir={tf} output -raw {output})\"` "
                 "from the output directory, or the same value in a values file (-f)")
