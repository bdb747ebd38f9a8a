"""Where a Cloud SQL instance on an OVH private network finds its VPC and private services."""

from __future__ import annotations

from dataclasses import dataclass

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import readings
from ..tfbase.context import Ctx
from ..tfbase.provider_family import module_block
from ..tfbase.scaffold_names import scaffold_variable
from . import common as C
from .instance_names import warn_repeated

# A private IP needs private services access (a VPC_PEERING range and a
# google_service_networking_connection): one per VPC, as a second connection for the same
# VPC and service fails to create (or, updated, replaces the first's reserved ranges). So
# it is made where the VPC is declared, by what is certain of the instance's network:
# - "here": a resource of the instance's module: beside it (scaffold_psa);
# - "handed": `var.x` of a child module whose every call passes a network declared in the
#   calling module (on GCP the call passes the VPC's id): private_network = var.x, the
#   access made in each calling module once per VPC (scaffold keys), its connection's id
#   passed as var.<x>_private_services (a free name: scaffold_names), which the instance
#   depends on;
# - "external": a data source (terraform_remote_state, a lookup): the VPC is another
#   configuration's, which owns its access (IT308 at the network argument), none made here;
# - "public": no network, or one no call makes certain (a root variable, several levels,
#   a counted network): a public IP with authorized networks (IT308).


@dataclass(frozen=True, slots=True)
class Handed:
    """`var.<var>` of the instance's module, given by each (caller, call, network node)."""

    var: str
    calls: tuple[tuple[str, N.ModuleCall, N.Resource], ...]

    @property
    def connection_var(self) -> str:
        return f"{self.var}_private_services"


@dataclass(frozen=True, slots=True)
class Placement:
    mode: str  # "here" | "handed" | "external" | "public"
    network: E.Expr | None = None  # the source expression of the network (None: no network)
    handed: Handed | None = None
    why: str = ""  # "public" with a network: why no call makes it certain


def placement(ctx: Ctx, db: N.Resource) -> Placement:
    """How the instance of `db` is networked (see the comment above)."""
    from .database import spec_of  # (database imports cloudsql, which imports this module)
    first = spec_of(ctx, db).nodes.first
    net = first.network if first is not None else None
    if net is None:
        return Placement("public")
    if first is not None and first.private:
        found = ctx.resolve(net, db.module)
        managed = found is not None and found.mode == "managed" and found.module == db.module
        return Placement("here" if managed else "external", net)
    t = E.traversal(net)
    if not t or t[0] != "var" or len(t[1]) != 1 or t[1][0][0] != "attr":
        return Placement("public", net, why=f"`{to_hcl(net)}`, not a network declared in "
                         "the configuration")
    var = str(t[1][0][1])
    calls = ctx.by_module.calls_of.get(db.module, [])
    if not calls:
        return Placement("public", net, why=f"var.{var}, a root variable (null, or an OVH "
                         "id today)")
    out: list[tuple[str, N.ModuleCall, N.Resource]] = []
    for caller, call in sorted(calls, key=lambda c: (c[0], c[1].name)):
        arg = call.arg(var)
        found = ctx.resolve(arg, caller)
        if arg is None or found is None or found.KIND != "Network" or \
                found.mode != "managed" or found.module != caller or \
                found.meta.count is not None or found.meta.for_each is not None or \
                _repeats(ctx.rewrite(arg, caller)):
            given = f"`{to_hcl(arg)}`" if arg is not None else "nothing"
            return Placement("public", net, why=f"var.{var}, which module.{call.name} passes "
                             f"{given}, not one network declared in the calling module")
        out.append((caller, call, found))
    return Placement("handed", net, Handed(var, tuple(out)))


def private(ctx: Ctx, db: N.Resource) -> bool:
    """Whether the instance has a private IP only (declare_database's host reads it)."""
    return placement(ctx, db).mode != "public"


def _repeats(e: E.Expr) -> bool:
    """Whether `e` reads count.index or each.*: a connection made once cannot read it."""
    return any((t := E.traversal(s)) is not None and t[0] in ("count", "each")
               for s in E.walk(e))


def _given(ctx: Ctx) -> dict[tuple[str, str], dict[tuple[str, str], E.Expr]]:
    """(child module, variable) -> (caller, call name) -> the value the call passes."""
    return readings.index(ctx, "gke.psa_handed", dict)


def hand(ctx: Ctx, module: str, name: str, caller: str, call: N.ModuleCall,
         value: E.Expr) -> None:
    """Record that `call` (in `caller`) passes `value` as var.<name> of `module`."""
    _given(ctx).setdefault((module, name), {})[(caller, call.name)] = value


def pass_connections(ctx: Ctx) -> None:
    """Each call of a module whose instance waits for a handed connection passes its id
    (after the module calls are lowered)."""
    for (module, name), given in sorted(_given(ctx).items()):
        for caller, call in ctx.by_module.calls_of.get(module, []):
            value = given.get((caller, call.name))
            block = module_block(ctx, call)
            if value is not None and block is not None and block.get(name) is None:
                block.set(name, value)


def access(ctx: Ctx, db: N.Resource, place: Placement, network: E.Expr) -> E.Expr | None:
    """The private services access of the instance's VPC, made where it is declared; what
    the instance depends on (None: another configuration's, said at the network)."""
    if place.mode == "here":
        vpc = ctx.resolve(place.network, db.module)
        return scaffold_psa(ctx, db, db.module, network, db, (vpc or db).name)
    if place.mode == "external":
        at = place.network.span if place.network is not None else None
        ctx.sink.add("IT308", at or db.span, f"the VPC of {db.address} is another "
                     f"configuration's ({to_hcl(network)}): its private IP needs private "
                     "services access on that VPC, which is not added here (one per VPC: a "
                     "second google_service_networking_connection fails to create or "
                     "replaces the first's reserved ranges)", "the network's configuration "
                     "must have a google_compute_global_address (purpose VPC_PEERING) and a "
                     "google_service_networking_connection (servicenetworking.googleapis.com)"
                     " on it, applied first, and output the VPC's id or self_link that "
                     "private_network reads")
        return None
    assert place.handed is not None
    h = place.handed
    # (a free name: the module's source may declare a variable of the wanted one)
    name = scaffold_variable(ctx, db.module, h.connection_var,
                             lambda var: _connection_variable(h, var))
    homes: list[str] = []
    for caller, call, net in h.calls:
        value = ctx.rewrite(call.arg(h.var) or E.Literal(None), caller)
        conn = scaffold_psa(ctx, None, caller, value, net, net.name)
        hand(ctx, db.module, name, caller, call, E.ref(f"{to_hcl(conn)}.id"))
        where = caller or "the root module"
        if where not in homes:
            homes.append(where)
    ctx.sink.add("IT307", db.span, f"{db.address} uses the private network its callers pass "
                 f"as var.{h.var}: private services access (a reserved range and a peering) "
                 f"is added for Cloud SQL in {', '.join(homes)}, once per VPC, and each call "
                 f"passes its connection's id as var.{name}, which the instance waits for")
    return E.ref(f"var.{name}")


def _connection_variable(h: Handed, name: str) -> TfBlock:
    v = TfBlock("variable", (name,), comments=[
        "scaffolding: the private services access the Cloud SQL private IP needs, made "
        "where the VPC is declared"])
    v.set("description", E.Literal(f"id of the google_service_networking_connection of the "
                                   f"VPC passed as var.{h.var}"))
    v.set("type", E.Var("string"))
    return v


def scaffold_psa(ctx: Ctx, db: N.Resource | None, module: str, network: E.Expr,
                 at: N.Resource, vpc: str) -> E.Expr:
    """A reserved range and a peering of `network` in `module`, once per VPC there (IT307
    at `db` when given, IT308 at `at` when the module repeats); the connection's reference.
    The first VPC of the module gets `private_services`, a second one blocks named after it
    (`private_services_<vpc>`): one address per resource type and module."""
    key = "psa:" + to_hcl(network)
    labels: dict[str, str] = readings.index(ctx, f"gke.psa_labels {module}", dict)
    if key not in labels:
        taken = set(labels.values())
        label = "private_services" if not labels else f"private_services_{vpc}"
        n = 2
        while label in taken:
            label, n = f"private_services_{vpc}_{n}", n + 1
        labels[key] = label
    label = labels[key]
    conn = E.ref(f"google_service_networking_connection.{label}")
    if f"{module}|{key}" in ctx.scaffolds:
        return conn
    addr = ctx.scaffold(key + ":addr", module, lambda: _psa_address(network, label))
    warn_repeated(ctx, at, "google_compute_global_address (private services range)",
                  addr.get("name"), "per project")

    def make() -> TfBlock:
        return TfBlock("resource", ("google_service_networking_connection", label))

    block = ctx.scaffold(key, module, make)
    block.note("scaffolding: private services access, needed for Cloud SQL private IP")
    block.set("network", network)
    block.set("service", E.Literal("servicenetworking.googleapis.com"))
    block.set("reserved_peering_ranges",
              E.Tuple((E.ref(f"google_compute_global_address.{label}.name"),)))
    if db is not None:
        ctx.sink.add("IT307", db.span, f"{db.address} uses a private network: private "
                     "services access (a reserved range and a peering) is added for Cloud SQL")
    return conn


def _psa_address(network: E.Expr, label: str) -> TfBlock:
    a = TfBlock("resource", ("google_compute_global_address", label))
    a.set("name", E.Literal(C.gcp_name(label.replace("_", "-"))))
    a.set("purpose", E.Literal("VPC_PEERING"))
    a.set("address_type", E.Literal("INTERNAL"))
    a.set("prefix_length", C.num(16))
    a.set("network", network)
    return a
