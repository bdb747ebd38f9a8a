"""Estate runs: the Gateway the routes attach to, of the class the translated cluster offers."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink

from ..clusterfacts import ClusterFacts, profile
from ..yamlwrite import dump_all

FILE = "gateway.yaml"


def for_cluster(files: dict[str, str], facts: ClusterFacts, gateway: str,
                sink: Sink) -> dict[str, str]:
    """`gateway.yaml` when routes need their Gateway (HTTP on port 80, routes from every
    namespace), with its GatewayClass where the cloud does not create one, and a note of
    the classes used and of the controllers: installed by the Terraform (IT346), or to
    install (IT308)."""
    out: dict[str, str] = {}
    prof = facts.profile
    needs = prof.get("controllers") or {}
    if any("kind: HTTPRoute" in text for text in files.values()):
        cls, ctl = prof["gateway_class"], needs.get("gateway")
        objs: list[dict[str, Any]] = []
        if ctl and ctl.get("controller_name"):
            objs.append({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass",
                         "metadata": {"name": cls, "labels": dict(_MANAGED)},
                         "spec": {"controllerName": ctl["controller_name"]}})
        spec: dict[str, Any] = {"gatewayClassName": cls}
        params = (ctl or {}).get("parameters")
        extra = [_labelled(_named(o, gateway)) for o in params["objects"]] if params else []
        if params:
            # The controller's own objects: without them its load balancer would not be
            # what the OVH app was (a public URL reaching the pods).
            objs += extra
            spec["infrastructure"] = {"parametersRef": _named(params["ref"], gateway)}
        spec["listeners"] = [{"name": "http", "protocol": "HTTP", "port": 80,
                              "allowedRoutes": {"namespaces": {"from": "All"}}}]
        objs.append({
            "apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
            "metadata": {"name": gateway, "labels": dict(_MANAGED)}, "spec": spec})
        out[FILE] = dump_all(objs)
        tls = "add a TLS listener and a certificate before publishing anything that needs HTTPS"
        what = f"HTTPRoutes attach to Gateway `{gateway}` ({FILE}, class `{cls}`" + (
            ", parameters: " + ", ".join(f"{o['kind']} `{o['metadata']['name']}`" for o in extra)
            if extra else "") + ")"
        if ctl and ctl.get("installed"):
            sink.add("IT346", None, f"{what}, served by {_installs(ctl)}", tls)
        elif ctl:
            # The class needs a controller the translated Terraform does not install.
            sink.add("IT308", None, f"{what}, served by {ctl['what']}, which the translated "
                     "Terraform does not install", f"{ctl['install']}; {tls}")
        else:
            served = "which the translated cluster serves: its Terraform enables the " \
                "Gateway API" if facts.clusters else "which needs the Gateway API on your " \
                "cluster"
            sink.add("IT346", None, f"{what}, {served}", tls)
    if any("kind: Ingress" in text for text in files.values()):
        ctl = needs.get("ingress")
        what = f"Ingresses use the class `{prof['ingress_class']}` of the translated cluster"
        if ctl and ctl.get("installed"):
            sink.add("IT346", None, f"{what}, served by {_installs(ctl)}")
        elif ctl:
            sink.add("IT308", None, f"{what}, served by {ctl['what']}, which the translated "
                     "Terraform does not install", ctl["install"])
        else:
            sink.add("IT346", None, what)
    return out


def _named(v: Any, gateway: str) -> Any:
    """A profile object with `{gateway}` in its strings replaced by the Gateway's name."""
    if isinstance(v, str):
        return v.replace("{gateway}", gateway)
    if isinstance(v, dict):
        return {k: _named(x, gateway) for k, x in v.items()}
    return [_named(x, gateway) for x in v] if isinstance(v, list) else v


def _labelled(obj: dict[str, Any]) -> dict[str, Any]:
    meta = dict(obj["metadata"])
    meta["labels"] = {**meta.get("labels", {}), **_MANAGED}
    return {**obj, "metadata": meta}


def _installs(ctl: dict[str, Any]) -> str:
    """A controller an estate's Terraform installs (the estate run marked it `installed`)."""
    return f"{ctl['what']}, which the translated Terraform installs ({ctl['installed_by']})"


def for_existing(files: dict[str, str], cluster: str, gateway: str, sink: Sink) -> None:
    """A cluster the user already has: its Gateway and ingress class are theirs to name;
    with --cluster, the profile says what that cloud offers and what serves it."""
    prof = profile(cluster) if cluster != "generic" else None
    needs = (prof or {}).get("controllers") or {}

    def hint(kind: str, key: str) -> str:
        if prof is None:
            return ""
        ctl = needs.get(key)
        served = f", served by {ctl['what']} ({ctl['install']})" if ctl else ""
        return f"on {cluster.upper()} the {kind} is `{prof[key + '_class']}`{served}"
    if any("kind: Ingress" in text for text in files.values()):
        sink.add("IT308", None, "Ingresses have no ingressClassName: the cluster's default "
                 "class is used; set one (ingress-nginx is retired: prefer a Gateway)",
                 hint("ingress class", "ingress"))
    if any("kind: HTTPRoute" in text for text in files.values()):
        sink.add("IT308", None, f"HTTPRoutes attach to a Gateway named `{gateway}`; create it "
                 "or change parentRefs to your cluster's Gateway", hint("GatewayClass",
                                                                        "gateway"))


def ingress_annotations(facts: ClusterFacts | None) -> dict[str, str]:
    """The annotations the cluster's ingress controller needs on every Ingress (an ALB is
    internal and targets NodePorts unless told otherwise)."""
    if facts is None:
        return {}
    ctl = (facts.profile.get("controllers") or {}).get("ingress") or {}
    return dict(ctl.get("annotations") or {})


_MANAGED = {"app.kubernetes.io/managed-by": "iac-translate"}
