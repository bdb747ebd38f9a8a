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
    IT347 gives the new name to set once the runbook has copied it (`crane copy`)."""
    m = _OVH_IMAGE.match(image)
    if m is None or facts is None:
        return image
    at = w.span_of("image")
    template = facts.profile["registry_host"]
    # Known without a plan: every part the cloud's host template uses (an ACR host needs
    # its name only, Artifact Registry its location, project and repository)
    used = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    known = [r for r in facts.registries
             if all(v for f, v in (("location", r[1]), ("repository", r[2]),
                                   ("project", facts.project)) if f in used)]
    if not facts.registries:
        sink.add("IT347", at, f"{w.kind} `{w.name}` pulls `{image}` from the OVH registry, "
                 "and the translated Terraform creates no registry",
                 "add a registry to the Terraform (ovh_cloud_project_containerregistry "
                 "translates to Artifact Registry), or copy the image where the cluster "
                 "can pull it")
        return image
    address, location, repository = (known or list(facts.registries))[0]
    project = facts.project
    host = template.format(location=(location or "<location>").lower(),
                           project=project or "<project>", repository=repository or
                           "<repository>", account="<account>", registry="<registry>")
    new = f"{host}/{m.group('path')}{m.group('ref')}"
    if address in facts.secret_pulls:
        sink.add("IT347", at, f"{w.kind} `{w.name}` still pulls `{image}` from the OVH registry: "
                 f"its new name, `{new}`, is in the private namespace {address}, which the "
                 "nodes pull from only with an imagePullSecret",
                 "copy the images (the report's runbook: crane copy), create a "
                 "docker-registry Secret of an API key allowed to pull (`kubectl create secret "
                 "docker-registry`), name it in the pods' imagePullSecrets, then `kustomize "
                 f"edit set image {m.group('host')}/{m.group('path')}={new}`")
        return image
    if known and not used - {"location", "repository", "project"}:
        sink.add("IT346", at, f"{w.kind} `{w.name}` pulls `{new}` from {address} instead of "
                 f"the OVH registry (`{image}`); the runbook copies the images (crane)")
        return new
    sink.add("IT347", at, f"{w.kind} `{w.name}` still pulls `{image}` from the OVH registry: "
             f"the new name, `{new}`, is known only at plan time ({address})",
             f"copy the images (the report's runbook: crane copy), then set it: `kustomize "
             f"edit set image {m.group('host')}/{m.group('path')}=<the new name>`")
    return image
