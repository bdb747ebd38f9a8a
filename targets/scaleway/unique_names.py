"""Scaleway names that must be unique, checked when their module is instantiated more than once."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import instance_names
from ..tfbase.context import Ctx

# Block type -> where Scaleway wants its `name` unique. Sources: buckets, the Object
# Storage FAQ (scaleway.com/en/faq/is-there-a-limitation-in-the-bucket-name: "unique in
# relation to our whole platform ... cannot be reused in another [region]"); registry
# namespaces, the provider's scaleway_registry_namespace page ("The unique name of the
# namespace"), a path of the regional endpoint rg.<region>.scw.cloud/<name>. Most other
# Scaleway resources (Kapsule clusters, databases, private networks, servers, load
# balancers) are told apart by id and accept a duplicate name: not here.
RULES: dict[str, tuple[str, bool]] = {  # type -> (rule, scoped by the block's region)
    "scaleway_object_bucket": ("Object Storage bucket names are unique across all of "
                               "Scaleway, in every region", False),
    "scaleway_registry_namespace": ("Container Registry namespace names are unique in their "
                                    "region (rg.<region>.scw.cloud/<name>)", True),
}


def warn(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """IT308 when `b` (made for `node`) has a fixed name its module's instances all share;
    a regional name whose `region` is not fixed may differ per instance: nothing said."""
    if b.type != "resource" or node.mode == "data" or not b.labels or \
            b.labels[0] not in RULES:
        return
    rule, regional = RULES[b.labels[0]]
    instance_names.warn_repeated(ctx, node, b.labels[0], b.get("name"), rule,
                                 b.get("region") if regional else None)
