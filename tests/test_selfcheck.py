"""The output self-check: Terraform references, required arguments, placeholders; k8s links."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.api import translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.report import _status
from iac_translate.compiler.span import Span
from iac_translate.targets.hclwrite import TfAttr, TfBlock
from iac_translate.targets.k8s import selfcheck as k8s_check
from iac_translate.targets.mapping import data_table, load_tables
from iac_translate.targets.tfbase import required_args, selfcheck
from iac_translate.targets.tfbase.context import Ctx

ROOT = Path(__file__).resolve().parent.parent
AT = Span("main.tf", 3, 1, 9, 1)


def _ctx(files: dict[str, list[TfBlock]], sink: Sink | None = None) -> Ctx:
    ctx = Ctx(N.Model(()), load_tables("gke"), sink or Sink(), "gke")
    ctx.files = files
    return ctx


def _codes(ctx: Ctx) -> list[str]:
    return [d.code for d in ctx.sink.sorted()]


def parse(text: str) -> E.Expr:
    return parse_expression_text(text, "main.tf")


def _resource(type_: str, label: str, **args: E.Expr) -> TfBlock:
    b = TfBlock("resource", (type_, label), span=AT)
    for k, v in args.items():
        b.set(k, v)
    return b


def test_required_table_is_current() -> None:
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    from schema.gen_required import build, render
    shipped = (ROOT / "targets" / "gke" / "required.json").read_text(encoding="utf-8")
    assert shipped == render(build("gke")), "run: python tests/schema/gen_required.py"
    assert "tier" in json.loads(shipped)["resources"]["google_sql_database_instance"][
        "blocks"]["settings"]["args"]


def test_missing_required_argument_and_nested_one() -> None:
    sql = _resource("google_sql_database_instance", "db",
                    database_version=E.Literal("POSTGRES_16"))
    sql.block("settings").set("edition", E.Literal("ENTERPRISE"))
    net = _resource("google_compute_network", "n")  # `name` is required
    ctx = _ctx({"main.tf": [sql, net]})
    required_args.fill(ctx, data_table("gke/required.json"))
    msgs = [d.message for d in ctx.sink.sorted() if d.code == "IT327"]
    assert any("google_sql_database_instance.db.settings` has no `tier`" in m for m in msgs)
    assert any("google_compute_network.n` has no `name`" in m for m in msgs)
    assert all(d.span == AT for d in ctx.sink.sorted())


def test_references_resolve_in_their_module_and_through_module_outputs() -> None:
    child_out = TfBlock("output", ("id",), span=AT)
    child_out.set("value", E.Literal("x"))
    call = TfBlock("module", ("m",), span=AT)
    call.set("source", E.Literal("./modules/m"))
    out = TfBlock("output", ("both",), span=AT)
    out.set("value", E.Tuple((E.ref("module.m.id"), E.ref("module.m.nope", Span("main.tf", 5,
                                                                                 3)))))
    ctx = _ctx({"main.tf": [call, out], "modules/m/outputs.tf": [child_out]})
    selfcheck.apply(ctx)
    diags = ctx.sink.sorted()
    assert [d.code for d in diags] == ["IT326"]
    assert "module.m.nope" in diags[0].message and diags[0].span.line == 5


def test_for_and_dynamic_names_are_bound() -> None:
    b = _resource("google_compute_firewall", "f", name=E.Literal("f"))
    dyn = b.block("dynamic", "allow")
    dyn.set("for_each", E.ref("var.rules"))
    dyn.block("content").set("protocol", E.ref("allow.value.p"))
    b.set("source_ranges", E.ForExpr(None, "r", E.ref("var.rules"), E.ref("r.cidr")))
    v = TfBlock("variable", ("rules",), span=AT)
    v.set("type", E.Call("list", (E.Var("any"),)))
    ctx = _ctx({"main.tf": [b, v]})
    selfcheck.apply(ctx)
    assert _codes(ctx) == []


def test_leftover_ovh_reference_is_an_error_unless_already_reported() -> None:
    out = TfBlock("output", ("o",), span=AT)
    out.set("value", E.ref("ovh_cloud_project_kube.k.id", Span("main.tf", 4, 11)))
    ctx = _ctx({"main.tf": [out]})
    selfcheck.apply(ctx)
    assert _codes(ctx) == ["IT326"] and "OVH or OpenStack" in ctx.sink.sorted()[0].message
    sink = Sink()
    sink.add("IT206", Span("main.tf", 4, 11), "reference to undeclared `x`")
    ctx = _ctx({"main.tf": [out]}, sink)
    selfcheck.apply(ctx)
    assert _codes(ctx) == ["IT206"]


def test_injected_todo_without_diagnostic_is_our_bug() -> None:
    b = _resource("google_compute_network", "n", name=E.Literal("n"))
    b.set("description", E.Literal("TODO(IT206): something", span=Span("main.tf", 4, 3)))
    ctx = _ctx({"main.tf": [b]})
    selfcheck.apply(ctx)
    diags = ctx.sink.sorted()
    assert [d.code for d in diags] == ["IT328"] and "bug of iac-translate" in diags[0].hint
    sink = Sink()
    sink.add("IT206", Span("main.tf", 4, 3), "`x` has no GKE equivalent")
    ctx = _ctx({"main.tf": [b]}, sink)
    selfcheck.apply(ctx)
    assert _codes(ctx) == ["IT206"]


def test_placeholder_passed_to_a_function_breaks_the_plan() -> None:
    todo = E.Literal("TODO(IT206): ovh_x.y.regions_attributes", span=Span("main.tf", 5, 20))
    b = _resource("google_compute_subnetwork", "s", name=E.Literal("s"),
                  network=E.GetAttr(E.Index(E.Call("tolist", (todo,)), E.Literal(0)), "id"))
    sink = Sink()
    sink.add("IT206", Span("main.tf", 5, 20), "`x` has no GKE equivalent")
    ctx = _ctx({"main.tf": [b]}, sink)
    selfcheck.apply(ctx)
    assert "IT328" in _codes(ctx)


def test_output_with_a_placeholder_inside_publishes_it() -> None:
    # A DSN template and an object with one placeholder: plan passes, readers get the text.
    at = Span("main.tf", 6, 11)
    todo = "TODO(IT206): data.ovh_x.admin.name"
    dsn = E.Template(("postgres://", todo, "@", E.Interp(E.ref("var.host"))), span=at)
    obj = E.Object(((E.Var("user"), E.Literal(todo, span=at)),
                    (E.Var("host"), E.ref("var.host"))), span=at)
    plain = E.Template(("postgres://", E.Interp(E.ref("var.host"))), span=at)
    for value, want in ((dsn, ["IT206", "IT328"]), (obj, ["IT206", "IT328"]),
                        (plain, ["IT206"])):
        b = TfBlock("output", ("dsn",), span=AT)
        b.set("value", value)
        sink = Sink()
        sink.add("IT206", at, "`x` has no GKE equivalent")
        ctx = _ctx({"main.tf": [b]}, sink)
        selfcheck.apply(ctx)
        # (IT326: var.host is declared nowhere here)
        assert [c for c in _codes(ctx) if c != "IT326"] == want, value
        if "IT328" in want:
            assert any("placeholder text inside its value" in d.message
                       for d in ctx.sink.sorted())


def test_translation_dangling_reference_located_at_the_source() -> None:
    src = '''data "ovh_cloud_project_database" "pg" {
  service_name = "x"
  engine       = "mongodb"
  id           = "z"
}
resource "ovh_cloud_project_database_mongodb_user" "u" {
  service_name = "x"
  cluster_id   = data.ovh_cloud_project_database.pg.id
  name         = "u"
}
output "pw" {
  value     = ovh_cloud_project_database_mongodb_user.u.password
  sensitive = true
}
'''
    r = translate({"main.tf": src}, "gke")
    text = r.files.get("main.tf", "")
    leftover = [d for d in r.diagnostics if d.code in ("IT326", "IT328")]
    # Whatever the translation wrote for the output, it is either defined or reported.
    assert "random_password.u" not in text or any(d.span.line == 12 for d in leftover)


def test_source_side_undefined_reference_is_a_warning() -> None:
    r = translate({"main.tf": 'output "o" {\n  value = var.missing\n}\n'}, "gke")
    assert [(d.code, d.span.line) for d in r.diagnostics if d.code in ("IT235", "IT326")] == \
        [("IT235", 2)]


def test_report_never_calls_a_failed_block_exact() -> None:
    sink = Sink()
    warn = sink.add("IT324", AT, "`x` = `a_b` is not a name the target accepts")
    err = sink.add("IT326", AT, "`x` reads `y`, nothing the output defines")
    assert _status((warn,)) == "approximated"
    assert _status((err,)) == "manual"
    assert _status(()) == "exact"


# --------------------------------------------------------------------------- Kubernetes
def _deploy(labels: dict[str, str], selector: dict[str, str], env: list | None = None,
            port: int = 8080) -> dict:
    return {"kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"selector": {"matchLabels": selector},
                     "template": {"metadata": {"labels": labels},
                                  "spec": {"containers": [{"name": "c", "image": "i",
                                                           "ports": [{"containerPort": port,
                                                                      "name": "http"}],
                                                           "env": env or []}]}}}}


def _svc(selector: dict[str, str], target: object) -> dict:
    return {"kind": "Service", "metadata": {"name": "web"},
            "spec": {"selector": selector, "ports": [{"port": 80, "targetPort": target}]}}


def _k8s(objs: list[dict], sink: Sink | None = None) -> list[str]:
    sink = sink or Sink()
    k8s_check.check([(AT, objs)], sink)
    return [d.message for d in sink.sorted() if d.code == "IT329"]


def test_k8s_consistent_objects_pass() -> None:
    route = {"kind": "HTTPRoute", "metadata": {"name": "web"},
             "spec": {"rules": [{"backendRefs": [{"name": "web", "port": 80}]}]}}
    hpa = {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "web"},
           "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}}}
    assert _k8s([_deploy({"app": "web"}, {"app": "web"}), _svc({"app": "web"}, "http"),
                 route, hpa]) == []


def test_k8s_selector_ports_routes_and_scalers() -> None:
    assert any("selector does not match" in m
               for m in _k8s([_deploy({"app": "web"}, {"app": "other"})]))
    assert any("targets `9090`" in m for m in _k8s([_deploy({"app": "web"}, {"app": "web"}),
                                                    _svc({"app": "web"}, 9090)]))
    assert any("selects no pods" in m for m in _k8s([_svc({"app": "nothing"}, 80)]))
    route = {"kind": "HTTPRoute", "metadata": {"name": "r"},
             "spec": {"rules": [{"backendRefs": [{"name": "api", "port": 80}]}]}}
    assert any("Service `api`" in m for m in _k8s([route]))
    keda = {"kind": "ScaledObject", "metadata": {"name": "s"},
            "spec": {"scaleTargetRef": {"name": "gone"}}}
    assert any("Deployment `gone`" in m for m in _k8s([keda]))


def test_k8s_secret_reference_written_or_reported() -> None:
    env = [{"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "t"}}}]
    deploy = _deploy({"app": "web"}, {"app": "web"}, env)
    assert any("Secret `creds`" in m for m in _k8s([deploy]))
    secret = {"kind": "Secret", "metadata": {"name": "creds"}}
    assert _k8s([deploy, secret]) == []
    sink = Sink()
    sink.add("IT312", AT, "env var `TOKEN` is read from Secret `creds`")
    assert _k8s([deploy], sink) == []


def test_scaffold_placeholder_needs_its_code_reported_somewhere() -> None:
    provider = TfBlock("provider", ("google",))  # scaffolding: no source block of its own
    provider.set("region", E.Literal("TODO(IT304): a region"))
    ctx = _ctx({"gke_scaffold.tf": [provider]})
    selfcheck.apply(ctx)
    assert _codes(ctx) == ["IT328"]
    sink = Sink()
    sink.add("IT304", AT, "OVH region `XYZ1` is not in the mapping table")
    ctx = _ctx({"gke_scaffold.tf": [provider]}, sink)
    selfcheck.apply(ctx)
    assert _codes(ctx) == ["IT304"]


def test_required_string_placeholder_is_explained_by_its_own_diagnostic() -> None:
    repo = TfBlock("data", ("google_artifact_registry_repository", "r"),
                   span=Span("main.tf", 20, 1, 22, 1))
    repo.set("repository_id", E.Literal("r"))
    ctx = _ctx({"main.tf": [repo]})
    required_args.fill(ctx, data_table("gke/required.json"))
    assert _codes(ctx) == ["IT327"]
    location = repo.get("location")
    assert isinstance(location, E.Literal) and str(location.value).startswith("TODO(IT327)")


def test_a_name_declared_twice_in_one_output_module_is_it380() -> None:
    # Terraform rejects a module with two declarations of one variable, output, local,
    # module call or resource address; before, such output passed the self-check silently.
    def var(name: str, span: Span | None = AT) -> TfBlock:
        b = TfBlock("variable", (name,), span=span)
        b.set("type", E.Var("string"))
        return b
    locals_a, locals_b = TfBlock("locals", (), span=AT), TfBlock("locals", (), span=AT)
    locals_a.set("x", E.Literal(1))
    locals_b.set("x", E.Literal(2))
    ctx = _ctx({"a.tf": [var("v"), locals_a], "b.tf": [var("v"), locals_b, var("w")],
                "m/c.tf": [var("v")]})
    selfcheck.apply(ctx)
    found = sorted(d.message for d in ctx.sink.sorted() if d.code == "IT380")
    assert found == ['`local.x` is declared twice in the root module of the output: '
                     'Terraform rejects the module',
                     '`variable "v"` is declared twice in the root module of the output: '
                     'Terraform rejects the module'], found  # (module m has its own v)


def test_a_source_variable_named_as_one_the_translation_adds_is_no_duplicate() -> None:
    # It was IT380 (two declarations) until the translation's variables took free names
    # (tfbase/scaffold_names): the self-check keeps watching for it.
    src = '''variable "resource_group_name" {
  type    = string
  default = "rg"
}

resource "ovh_cloud_project_storage" "s" {
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-x"
}

output "o" {
  value = var.resource_group_name
}
'''
    r = translate({"main.tf": src}, "aks")
    assert not [d for d in r.diagnostics if d.code == "IT380"], r.diagnostics
    text = "".join(r.files.values())
    assert text.count('variable "resource_group_name"') == 1, text


def test_a_placeholder_where_terraform_needs_a_collection_number_or_bool_is_it328() -> None:
    # `terraform validate` refuses each (a for over a string: "Iteration over non-iterable
    # value"; arithmetic, logic, a condition, a count or for_each on a string); before, only
    # function arguments, indexes and attributes were caught.
    lookup = '''data "ovh_cloud_project_flavors" "f" {
  service_name = "p"
}
'''
    ref = "data.ovh_cloud_project_flavors.f.flavors"
    cases = {
        "for": f"[for x in {ref} : x]",
        "arithmetic": f"{ref} + 1",
        "logic": f"!{ref}",
        "condition": f'{ref} ? "a" : "b"',
        "comparison": f'{ref} == "x"',  # (compares any two values: plan passes)
    }
    for name, value in cases.items():
        src = lookup + f'locals {{\n  v = {value}\n}}\n\noutput "o" {{\n  value = local.v\n}}\n'
        r = translate({"main.tf": src}, "gke")
        found = [d for d in r.diagnostics if d.code == "IT328" and "placeholder string" in
                 d.message]
        assert bool(found) == (name != "comparison"), (name, r.diagnostics)
        assert all(d.span and d.span.line == 5 for d in found), found
    for meta in ("count", "for_each"):
        src = lookup + f'''resource "ovh_cloud_project_storage" "s" {{
  {meta} = {ref}
  service_name = "p"
  region_name  = "GRA"
  name         = "b"
}}
'''
        r = translate({"main.tf": src}, "gke")
        found = [d for d in r.diagnostics if d.code == "IT328" and "count or for_each" in
                 d.message]
        assert len(found) == 1 and found[0].span and found[0].span.line in (4, 5), \
            (meta, r.diagnostics)


def test_a_duplicate_the_source_has_too_is_said_to_be_the_sources() -> None:
    # The provider's examples directories hold one example a file: one module declaring the
    # same output (and resources) in several files, which Terraform rejects as written.
    one = '''resource "ovh_cloud_project_storage" "s" {
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-x"
}

output "name" {
  value = ovh_cloud_project_storage.s.name
}
'''
    r = translate({"a.tf": one, "b.tf": one}, "gke")
    found = [d for d in r.diagnostics if d.code == "IT380"]
    assert found and all("as in the source" in d.message for d in found
                         if 'output "name"' in d.message), found
    assert [d for d in found if 'output "name"' in d.message]


def test_instance_keys_and_contexts_terraform_refuses_are_it381() -> None:
    def res(type_: str, label: str, **args: E.Expr) -> TfBlock:
        return _resource(type_, label, **args)
    counted = res("google_service_account", "sa", count=E.Literal(2),
                  account_id=parse("\"sa-${count.index}\""))
    keyed = res("google_compute_network", "net", for_each=parse("var.envs"))
    ok = [res("google_storage_hmac_key", "k", count=E.Literal(2),
              service_account_email=parse("google_service_account.sa[count.index].email")),
          res("google_compute_subnetwork", "s", for_each=parse("var.envs"),
              network=parse("google_compute_network.net[each.key].id"),
              region=parse("each.value.region")),
          res("google_compute_router", "r", network=parse(
              "[for n in google_compute_network.net : n.id][0]"),
              region=parse("values(google_compute_network.net)[0].name"),
              description=parse("join(\",\", google_service_account.sa[*].email)"))]
    bad = [res("google_storage_hmac_key", "k2", count=E.Literal(2),
               service_account_email=parse("google_service_account.sa.email")),
           res("google_compute_router", "r2", network=parse("google_compute_network.net.id")),
           res("google_compute_router_nat", "n", name=parse("\"nat-${each.key}\"")),
           res("google_compute_address", "a", name=parse("\"a-${count.index}\""))]
    ctx = _ctx({"main.tf": [counted, keyed, *ok, *bad]})
    selfcheck.apply(ctx)
    found = [d.message for d in ctx.sink.sorted() if d.code == "IT381"]
    assert len(found) == 4, found
    assert sum("without an instance key" in m for m in found) == 2
    assert any("`each.key` is read in resource google_compute_router_nat.n" in m for m in found)
    assert any("`count.index` is read in resource google_compute_address.a" in m for m in found)
    # an object key named count is no reference
    loc = TfBlock("locals", (), span=AT)
    loc.set("x", parse("{ count = 1 }"))
    ctx = _ctx({"main.tf": [loc]})
    selfcheck.apply(ctx)
    assert not [d for d in ctx.sink.sorted() if d.code == "IT381"]


def test_an_argument_set_twice_is_it382() -> None:
    b = _resource("scaleway_vpc", "v", for_each=parse("var.envs"))
    b.items.append(TfAttr("for_each", parse("var.other")))
    ctx = _ctx({"main.tf": [b]})
    selfcheck.apply(ctx)
    assert [d.code for d in ctx.sink.sorted() if d.code == "IT382"] == ["IT382"]
