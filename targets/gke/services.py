"""The Google APIs the emitted resources need enabled: said once, with the command that does it."""

from __future__ import annotations

from ..mapping import data_table
from ..tfbase.context import Ctx


def needed(types: set[str], prefixes: dict[str, str]) -> list[str]:
    """The APIs of `types`, each by the longest prefix that names it."""
    by_length = sorted(prefixes, key=len, reverse=True)
    found = {next((prefixes[p] for p in by_length if t.startswith(p)), None) for t in types}
    return sorted(a for a in found if a is not None)


def say(ctx: Ctx) -> None:
    """IT308 once per translation (no object's, so no source position): a new project has
    few APIs enabled, and apply fails at the first resource of a disabled one. Enabling them
    is a project decision (often made centrally, with its own permission), so it is said,
    not emitted."""
    table = (data_table("gke/platform.json") or {}).get("services", {})
    types = {b.labels[0] for blocks in ctx.files.values() for b in blocks
             if b.type in ("resource", "data") and b.labels}
    apis = needed(types, dict(table.get("prefixes", {})))
    if apis:
        ctx.sink.add("IT308", None, "the GCP project must have these APIs enabled, or "
                     "`terraform apply` fails at the first resource of a disabled one: "
                     + ", ".join(apis), "gcloud services enable " + " ".join(apis)
                     + " (or google_project_service resources where the project is managed)")
