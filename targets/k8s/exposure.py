"""Estate runs: the Gateway the routes attach to, of the class the translated cluster offers."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink

from ..clusterfacts import ClusterFacts
from ..yamlwrite import dump_all

FILE = "gateway.yaml"


def for_cluster(files: dict[str, str], facts: ClusterFacts, gateway: str,
                sink: Sink) -> dict[str, str]:
    """`gateway.yaml` when routes need their Gateway (HTTP on port 80, routes from every
    namespace), and a note of the classes used."""
    out: dict[str, str] = {}
    prof = facts.profile
    if any("kind: HTTPRoute" in text for text in files.values()):
        obj: dict[str, Any] = {
            "apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
            "metadata": {"name": gateway,
                         "labels": {"app.kubernetes.io/managed-by": "iac-translate"}},
            "spec": {"gatewayClassName": prof["gateway_class"],
                     "listeners": [{"name": "http", "protocol": "HTTP", "port": 80,
                                    "allowedRoutes": {"namespaces": {"from": "All"}}}]}}
        out[FILE] = dump_all([obj])
        served = "which the translated cluster serves: its Terraform enables the Gateway " \
            "API" if facts.clusters else "which needs the Gateway API on your cluster"
        sink.add("IT346", None, f"HTTPRoutes attach to Gateway `{gateway}` ({FILE}, class "
                 f"`{prof['gateway_class']}`), {served}", "add a TLS listener and a "
                 "certificate before publishing anything that needs HTTPS")
    if any("kind: Ingress" in text for text in files.values()):
        sink.add("IT346", None, f"Ingresses use the class `{prof['ingress_class']}` of the "
                 "translated cluster")
    return out
