"""tfbase/db_plan: a database plan through a variable is one reading on aks, scaleway and eks."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate


def _db(plan: str, nodes: str, engine: str = "postgresql", version: str = "16") -> str:
    return ('variable "plan" {\n  type    = string\n  default = "business"\n}\n'
            'variable "nodes" {\n  default = ["GRA", "SBG"]\n}\n'
            'resource "ovh_cloud_project_database" "db" {\n  service_name = "x"\n'
            f'  engine       = "{engine}"\n  version      = "{version}"\n'
            f'  plan         = {plan}\n  flavor       = "db1-7"\n' + nodes + '}\n')


ONE = '  nodes {\n    region = "GRA"\n  }\n'
TWO = ONE + '  nodes {\n    region = "SBG"\n  }\n'
DYN = ('  dynamic "nodes" {\n    for_each = var.nodes\n    content {\n'
       '      region = nodes.value\n    }\n  }\n')
HA = 'contains(["advanced", "business", "enterprise", "production"], var.plan)'
WHEN = "for two or more nodes or plans advanced, business, enterprise, production"


def _run(src: str, target: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    r = translate({"main.tf": src}, target)
    return "".join(r.files.values()), [(d.code, d.span.line, d.span.column, d.message)
                                       for d in r.diagnostics if d.span]


@pytest.mark.parametrize("target,engine,arg,value", [
    ("aks", "postgresql", "high_availability", f"for_each = {HA} ? [1] : []"),
    ("aks", "mongodb", "high_availability_mode",
     f'high_availability_mode = {HA} ? "ZoneRedundantPreferred" : "Disabled"'),
    ("scaleway", "postgresql", "is_ha_cluster", f"is_ha_cluster     = {HA}"),
    ("eks", "postgresql", "multi_az", f"multi_az               = {HA}"),
])
def test_a_variable_plan_is_a_condition_said_at_the_plan(target: str, engine: str, arg: str,
                                                         value: str) -> None:
    out, diags = _run(_db("var.plan", ONE, engine, "7.0" if engine == "mongodb" else "16"),
                      target)
    assert value in out, out
    said = [d for d in diags if d[0] == "IT306" and "known at plan time only" in d[3]]
    assert len(said) == 1 and said[0][1:3] == (12, 18), said  # at `plan = var.plan`
    assert said[0][3].startswith("the plan or nodes of ovh_cloud_project_database.db are "
                                 f"known at plan time only: {arg} is ")
    assert said[0][3].endswith(WHEN)


@pytest.mark.parametrize("target,line", [
    ("aks", "for_each = length(var.nodes) >= 2 || " + HA),
    ("scaleway", "is_ha_cluster     = length(var.nodes) >= 2 || " + HA),
    ("eks", "multi_az               = length(var.nodes) >= 2 || " + HA),
])
def test_a_dynamic_node_list_counts_first(target: str, line: str) -> None:
    out, _ = _run(_db("var.plan", DYN), target)
    assert line in out, out


@pytest.mark.parametrize("target,flag", [("aks", "high_availability {"),
                                         ("scaleway", "is_ha_cluster     = true"),
                                         ("eks", "multi_az               = true")])
def test_two_written_nodes_decide_whatever_the_plan(target: str, flag: str) -> None:
    out, diags = _run(_db("var.plan", TWO), target)
    assert flag in out and "var.plan)" not in out, out
    assert not [d for d in diags if "known at plan time only" in d[3]]


def test_eks_still_counts_a_dynamic_node_list_under_a_literal_plan() -> None:
    # a literal essential plan answers for the plan; the node count stays a plan-time test
    out, diags = _run(_db('"essential"', DYN), "eks")
    assert "multi_az               = length(var.nodes) >= 2\n" in out, out
    assert [d[1:3] for d in diags if "known at plan time only" in d[3]] == [(12, 18)]
    out, _ = _run(_db('"essential"', DYN), "scaleway")  # the others read the literal row
    assert "is_ha_cluster     = false" in out, out
