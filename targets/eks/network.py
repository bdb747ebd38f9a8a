"""EKS lowering of the network family (kinds not listed here are reported IT305)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering

DECLARE: dict[str, Declaring] = {}
LOWER: dict[str, Lowering] = {}


# -- the contract other families use (the network family owns and completes it) ---------------
def default_vpc(ctx: Ctx, module: str) -> tuple[E.Expr, E.Expr]:
    """(vpc id, private subnet ids) of the account's default VPC: what resources attach to
    when the OVH side declares no private network (OVH gives them public IPs)."""
    def vpc() -> TfBlock:
        b = TfBlock("data", ("aws_vpc", "default"),
                    comments=["scaffolding: the default VPC, for resources the OVH source "
                              "attaches to no private network"])
        b.set("default", E.Literal(True))
        return b

    def subnets() -> TfBlock:
        b = TfBlock("data", ("aws_subnets", "default"),
                    comments=["scaffolding: the subnets of the default VPC (one per zone)"])
        f = b.block("filter")
        f.set("name", E.Literal("vpc-id"))
        f.set("values", E.Tuple((E.ref("data.aws_vpc.default.id"),)))
        return b
    ctx.scaffold("default_vpc", module, vpc)
    ctx.scaffold("default_subnets", module, subnets)
    return E.ref("data.aws_vpc.default.id"), E.ref("data.aws_subnets.default.ids")


def private_subnet_ids(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    """The private subnet ids (a list, in at least two zones) for an OVH network or subnet
    reference `ref` read from `node` (a cluster, node pool, database, instance...)."""
    return default_vpc(ctx, node.module)[1]


def vpc_id_of(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    """The VPC id for an OVH network or subnet reference `ref` read from `node`."""
    return default_vpc(ctx, node.module)[0]
