"""EKS lowering of OVH registries: ECR creation templates, IAM push/pull users, IP policies."""

# ECR has one repository per image: a registry becomes a repository creation template that
# creates each repository on first push under the registry's prefix.

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from ..tfbase import passthrough as P
from ..tfbase import reftables
from ..tfbase import registry_name as RN
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.harbor_drop import harbor_lowering
from ..tfbase.use import not_translated
from . import common as C
from . import s3iam as iam
from . import unique_names
from .placement import companion
from .s3parts import region_arg, table

TEMPLATE = "aws_ecr_repository_creation_template"


def lower_registry(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry(ctx, node)
    u, b = ST.begin(ctx, node, ("name", "region", "registry_id"), TEMPLATE,
                    "data" if spec.data else "resource")
    b.set("prefix", RN.registry_name(ctx, node, spec, C.aws_name(node.name),
                                     lambda text: E.Literal(C.aws_name(text, 256)),
                                     "ECR prefix is taken to be its label",
                                     "prefix of the registry"))
    if spec.data:
        P.place(ctx, node, b)
        return u.done()
    b.set("applied_for", C.strings(["CREATE_ON_PUSH"]))
    b.set("description", E.Literal(f"translated from {node.address}"))
    b.set("image_tag_mutability", E.Literal("MUTABLE"))  # Harbor tags are mutable by default
    b.set("region", region_arg(ctx, node, spec.location.source))
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed prefix in a repeated module: IT308)
    u.drop("plan_id", "ECR is billed by usage (storage and transfer), with no plan" +
           (f"; the {spec.plan.value} plan's storage quota does not exist" if spec.plan else ""))
    ctx.sink.add("IT308", node.span, f"{node.address}: ECR has one repository per image, not a "
                 "registry namespace; a repository creation template creates each repository "
                 f"on first push under the registry's prefix", "push images as <url>/<image>; "
                 "pushers need ecr:CreateRepository (the registry users' policy grants it)")
    u.done()


def lower_registry_user(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry_user(ctx, node)
    u = ST.use(ctx, node, ("registry_id", "login", "email"), iam.USER)
    repo = ctx.resolve(spec.registry, node.module)
    login = spec.login.text
    if repo is not None and repo.KIND == "Registry" and repo.mode == "managed":
        t = f"{TEMPLATE}.{repo.name}"
        companion(ctx, "partition", node)  # aws-cn and aws-us-gov ARNs differ
        arn: E.Expr = C.tpl("arn:", E.ref("data.aws_partition.current.partition"), ":ecr:",
                            E.ref(f"{t}.region"), ":", E.ref(f"{t}.registry_id"),
                            ":repository/", E.ref(f"{t}.prefix"), "/*")
    else:
        arn = E.Literal("TODO(IT206): repository ARN")
    actions = table()["ecr_actions"]
    name = iam.unique_name(ctx, node, C.aws_name(f"registry-{login or node.name}", 64)
                           if login is not None or spec.login.source is None else
                           C.tpl("registry-", ctx.rewrite(spec.login.source, node.module)))
    policy = iam.document(tuple(iam.statement(st["sid"], "Allow", C.strings(sorted(
        {a for v in st["verbs"] for a in actions[v]})), arn if st["on"] == "repositories"
        else E.Literal(st["on"])) for st in table()["registry_user_statements"]))
    tags = E.Object(((E.Var("Email"), ctx.rewrite(spec.email, node.module)),)) \
        if spec.email is not None else None
    iam.iam(ctx, node, "registry_user", 0, user=iam.user_name(node), user_name=name,
            tags=tags, policy=policy)
    ctx.sink.add("IT301", node.span, f"{node.address}: the Harbor user becomes an IAM user "
                 "allowed to push and pull under the registry's prefix, with an access key; "
                 "its `password` is the key's secret, which logs in through `aws ecr "
                 "get-login-password` (user `AWS`), not directly")
    u.done()


def lower_registry_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_ip_restriction(ctx, node)
    u = ST.use(ctx, node, ("registry_id", "ip_restrictions"), TEMPLATE)
    repo = ctx.resolve(spec.registry, node.module)
    block = ctx.primary.get(ctx.key_of(repo)) if repo is not None else None
    if spec.scope == "management" or block is None or block.labels[:1] != (TEMPLATE,) or \
            block.type != "resource":
        why = ("ECR has no management endpoint of its own: the AWS API is governed by IAM "
               "(add an aws:SourceIp condition to the administrators' policies)"
               if spec.scope == "management" else "its registry is not declared in this module")
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {why}",
                     "the restriction is a security control: do not ship without replacing it")
        return u.done()
    if spec.rules is not None:
        cidrs: E.Expr = E.Tuple(tuple(ctx.rewrite(r.cidr, node.module) for r in spec.rules
                                      if r.cidr is not None))
    else:
        cidrs = E.ForExpr(None, "r", ctx.rewrite(spec.source or E.Tuple(), node.module),
                          E.GetAttr(E.Var("r"), "ip_block"))
    block.set("repository_policy", iam.document((iam.statement(
        "SourceIp", "Deny", E.Literal("ecr:*"), principal=E.Literal("*"),
        condition=E.Object(((E.Var("NotIpAddress"), E.Object((
            (E.Literal("aws:SourceIp"), cidrs),))),))),)))
    ctx.merged(node, block)
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a repository policy denying "
                 "ECR calls from other addresses, on the repositories the template creates; "
                 "EKS nodes pull through their NAT addresses (list them) and VPC endpoints "
                 "carry no source IP")
    u.done()


lower_registry_oidc = not_translated(
    "IT338", "{address} is not translated: ECR authenticates with AWS identities (federate the "
    "IdP with IAM Identity Center or an IAM OIDC provider and roles)")

lower_registry_iam = not_translated(
    "IT310", "{address}: ECR access is always governed by IAM; nothing to translate")

# ECR is not Harbor: Harbor objects are reported with what replaces each (the table's).
lower_harbor = harbor_lowering("ECR", lambda obj: str(table()["harbor_instead"][obj.value]))


DECLARE: dict[str, Declaring] = reftables.declarings(table()["references"], (
    "Registry", "RegistryUser", "Harbor"))
LOWER: dict[str, Lowering] = {"Registry": lower_registry, "RegistryUser": lower_registry_user,
                              "RegistryIpRestriction": lower_registry_ip,
                              "RegistryOidc": lower_registry_oidc,
                              "RegistryIam": lower_registry_iam, "Harbor": lower_harbor}
