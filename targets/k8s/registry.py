"""Estate runs: images of the OVH private registry, moved to the registry the Terraform creates."""

from __future__ import annotations

import re
import string

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..clusterfacts import ClusterFacts

# Harbor hosts of OVHcloud's Managed Private Registry: `<id>.<region>.container-registry.ovh.net`.
_OVH_IMAGE = re.compile(r"^(?P<host>[a-z0-9][-a-z0-9.]*\.container-registry\.ovh\.net)/"
                        r"(?P<path>[^@\s]+?)(?P<ref>(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?)$")


def repoint(image: str, w: ai.AiWorkload, facts: ClusterFacts | None, sink: Sink) -> str:
    """The image the pods pull. An image of the OVH registry moves to the registry of the
    translated Terraform when its host is known without a plan (the parts of the cloud's
    host template: location, repository, project, each literal); otherwise it is kept, and
    IT347 gives the new name to set once the runbook has copied it (`crane copy`). A
    private Scaleway namespace also needs the pull Secret the estate's Terraform creates
    (its name recorded in `facts.pulled`; pull_secret() names it in the pods)."""
    m = _OVH_IMAGE.match(image)
    if m is None or facts is None:
        return image
    at = w.span_of("image")
    used, known = _known(facts)
    if not facts.registries:
        sink.add("IT347", at, f"{w.kind} `{w.name}` pulls `{image}` from the OVH registry, "
                 "and the translated Terraform creates no registry",
                 "add a registry to the Terraform (ovh_cloud_project_containerregistry "
                 f"translates to {facts.profile['terraform']['registry']}), or copy the "
                 "image where the cluster can pull it")
        return image
    address, location, repository = (known or list(facts.registries))[0]
    project = facts.project
    host = facts.profile["registry_host"].format(
        location=(location or "<location>").lower(), project=project or "<project>",
        repository=repository or "<repository>", account="<account>", registry="<registry>")
    new = f"{host}/{m.group('path')}{m.group('ref')}"
    if address in facts.secret_pulls:
        return _secret_pull(image, new, address, bool(known and not used - {
            "location", "repository", "project"}), w, facts, sink)
    if known and not used - {"location", "repository", "project"}:
        sink.add("IT346", at, f"{w.kind} `{w.name}` pulls `{new}` from {address} instead of "
                 f"the OVH registry (`{image}`); the runbook copies the images (crane)")
        return new
    sink.add("IT347", at, f"{w.kind} `{w.name}` still pulls `{image}` from the OVH registry: "
             f"the new name, `{new}`, is known only at plan time ({address})",
             f"copy the images (the report's runbook: crane copy), then set it: `kustomize "
             f"edit set image {m.group('host')}/{m.group('path')}=<the new name>`")
    return image


def _known(facts: ClusterFacts) -> tuple[set[str], list[tuple[str, str | None, str | None]]]:
    """The parts the cloud's host template uses, and the registries whose host is known
    without a plan: every part literal (an ACR host needs its name only, Artifact Registry
    its location, project and repository)."""
    template = facts.profile["registry_host"]
    used = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    known = [r for r in facts.registries
             if all(v for f, v in (("location", r[1]), ("repository", r[2]),
                                   ("project", facts.project)) if f in used)]
    return used, known


def pull_secret(image: str | None, facts: ClusterFacts | None) -> str | None:
    """The imagePullSecret the pods of `image` name: the Secret the estate's Terraform
    creates for the private namespace the image moves to (None: no Secret needed, or none
    can be written, and repoint() keeps the image)."""
    if image is None or facts is None or _OVH_IMAGE.match(image) is None:
        return None
    used, known = _known(facts)
    if not known or used - {"location", "repository", "project"}:
        return None
    return facts.pull_secret(known[0][0])


def _secret_pull(image: str, new: str, address: str, literal: bool, w: ai.AiWorkload,
                 facts: ClusterFacts, sink: Sink) -> str:
    """An image moving to a namespace the nodes pull from only with an imagePullSecret:
    moved when the estate's Terraform can create the Secret beside the cluster."""
    at = w.span_of("image")
    m = _OVH_IMAGE.match(image)
    assert m is not None
    secret = facts.pull_secret(address) if literal else None
    if secret is not None:
        facts.pulled[address] = secret
        sink.add("IT346", at, f"{w.kind} `{w.name}` pulls `{new}` from the private namespace "
                 f"{address} instead of the OVH registry (`{image}`), with imagePullSecret "
                 f"`{secret}`: the estate's Terraform creates it beside the cluster, in "
                 "namespace `default` (an IAM application allowed to pull, its API key as "
                 "the docker password); the runbook copies the images (crane)",
                 "apply the workloads in namespace `default`, or move the Secret to theirs")
        return new
    why = "its name is known only at plan time" if not literal else \
        "the estate's Terraform writes the pull Secret only for one cluster of a single " \
        "instance declared beside the namespace in a root module"
    sink.add("IT347", at, f"{w.kind} `{w.name}` still pulls `{image}` from the OVH registry: "
             f"its new name, `{new}`, is in the private namespace {address}, which the "
             f"nodes pull from only with an imagePullSecret ({why})",
             "copy the images (the report's runbook: crane copy), create a "
             "docker-registry Secret of an API key allowed to pull (`kubectl create secret "
             "docker-registry`), name it in the pods' imagePullSecrets, then `kustomize "
             f"edit set image {m.group('host')}/{m.group('path')}={new}`")
    return image
