"""`verify`: a hand-made loss is lost (exit 1), a mapped value names its code, bad OUT is coded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.verify import verify
from iac_translate.compiler.verify.gotemplate import parse
from iac_translate.compiler.verify.helm_render import _Scope, render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
POOL = GOLDEN / "nodepool_gpu_template"


def _copy(case: str, target: str, tmp: Path) -> Path:
    out = tmp / "out"
    shutil.copytree(GOLDEN / case / "expected" / target, out)
    (out / "diagnostics.txt").unlink()
    return out


def _row(v, obj: str, fact: str):  # type: ignore[no-untyped-def]
    return next(r for r in v.rows if r.object == obj and r.fact == fact)


def test_a_faithful_output_loses_nothing() -> None:
    v = verify(POOL / "input", POOL / "expected" / "gke", "gke")
    assert v.rows and not v.lost and v.exit_code() == 0
    assert _row(v, "ovh_cloud_project_kube_nodepool.system", "vcpu").verdict == "equal"


def test_a_mapped_value_names_the_diagnostic_that_explains_it() -> None:
    v = verify(POOL / "input", POOL / "expected" / "gke", "gke")
    region = _row(v, "ovh_cloud_project_kube.ml", "location")
    assert (region.source, region.output, region.verdict, region.why) == \
        ("GRA11", "europe-west1", "mapped", "IT306")
    gpu = _row(v, "ovh_cloud_project_kube_nodepool.gpu", "gpu")
    assert gpu.verdict == "mapped" and "IT311" in gpu.why.split(",")


def test_a_hand_made_loss_is_lost_with_exit_1(tmp_path: Path) -> None:
    out = _copy("nodepool_gpu_template", "gke", tmp_path)
    main_tf = out / "main.tf"
    text = main_tf.read_text(encoding="utf-8")
    text = text.replace('machine_type    = "n2-standard-2"', 'machine_type    = "n2-standard-4"')
    main_tf.write_text(text.replace("total_max_node_count = 4", "total_max_node_count = 8"),
                       encoding="utf-8")
    v = verify(POOL / "input", out, "gke")
    lost = {(r.object, r.fact) for r in v.lost}
    assert lost == {("ovh_cloud_project_kube_nodepool.system", "vcpu"),
                    ("ovh_cloud_project_kube_nodepool.system", "ram_gb"),
                    ("ovh_cloud_project_kube_nodepool.gpu", "max_nodes")}
    assert sum(d.code == "IT353" for d in v.diagnostics) == 3
    res = CliRunner().invoke(main, ["verify", str(POOL / "input"), str(out)])
    assert res.exit_code == 1, res.output
    assert "max_nodes" in res.stdout and "lost" in res.stdout and "IT353" in res.stderr


def test_a_deleted_object_is_lost(tmp_path: Path) -> None:
    out = _copy("storage_bucket", "gke", tmp_path)
    main_tf = out / "main.tf"
    text = main_tf.read_text(encoding="utf-8")
    start = text.index('resource "google_storage_bucket" "archive"')
    end = text.index("\n}\n", start) + 3
    main_tf.write_text(text[:start] + text[end:], encoding="utf-8")
    v = verify(GOLDEN / "storage_bucket" / "input", out, "gke")
    row = _row(v, "ovh_cloud_project_storage.archive", "objects")
    assert (row.verdict, row.target) == ("lost", "google_storage_bucket.archive")


def test_a_workload_change_is_lost(tmp_path: Path) -> None:
    out = _copy("ai_app_body", "k8s", tmp_path)
    app = out / "sentiment-api.yaml"
    text = app.read_text(encoding="utf-8").replace("replicas: 2", "replicas: 1")
    app.write_text(text.replace("mountPath: /workspace/model", "mountPath: /elsewhere"),
                   encoding="utf-8")
    v = verify(GOLDEN / "ai_app_body" / "input", out, "k8s")
    assert {r.fact for r in v.lost} == {"replicas", "mounts", "volumes"}  # the bucket too
    assert v.exit_code() == 1


@pytest.mark.parametrize("broken,code", [
    ("missing", "IT350"), ("empty", "IT350"), ("hcl", "IT351")])
def test_bad_terraform_output_is_a_coded_error_with_exit_2(tmp_path: Path, broken: str,
                                                          code: str) -> None:
    out = tmp_path / "out"
    if broken != "missing":
        out = _copy("nodepool_gpu_template", "gke", tmp_path)
        if broken == "empty":
            for p in out.iterdir():
                p.unlink()
        else:
            (out / "main.tf").write_text('resource "x" "y" {\n', encoding="utf-8")
    v = verify(POOL / "input", out, "gke")
    found = [d for d in v.diagnostics if d.code == code]
    assert found and found[0].span is not None and v.exit_code() == 2
    if broken == "hcl":
        assert found[0].span.file.endswith("out/main.tf") and not v.rows
    res = CliRunner().invoke(main, ["verify", str(POOL / "input"), str(out)])
    assert res.exit_code == 2 and code in res.stderr and "Traceback" not in res.output


def test_bad_yaml_output_is_it351_at_its_line(tmp_path: Path) -> None:
    out = _copy("ai_app_body", "k8s", tmp_path)
    (out / "sentiment-api.yaml").write_text("kind: Deployment\nspec: [unclosed\n",
                                            encoding="utf-8")
    v = verify(GOLDEN / "ai_app_body" / "input", out, "k8s")
    bad = [d for d in v.diagnostics if d.code == "IT351"]
    assert bad and bad[0].span is not None and bad[0].span.line >= 2 and v.exit_code() == 2


@pytest.mark.parametrize("text", ["a: !!python/object:os.system x\n",
                                  "a: " + "[" * 5000 + "]" * 5000 + "\n"])
def test_hostile_yaml_output_is_it351(tmp_path: Path, text: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.yaml").write_text(text, encoding="utf-8")
    v = verify(GOLDEN / "ai_app_body" / "input", out, "k8s")
    assert [d.code for d in v.diagnostics] == ["IT351"] and not v.rows and v.exit_code() == 2


def test_helm_needs_a_chart(tmp_path: Path) -> None:
    v = verify(GOLDEN / "ai_app_body" / "input", _copy("ai_app_body", "k8s", tmp_path), "helm")
    assert [d.code for d in v.diagnostics] == ["IT350"] and v.exit_code() == 2


def test_a_missing_workload_is_lost(tmp_path: Path) -> None:
    out = _copy("ai_app_body", "k8s", tmp_path)
    (out / "sentiment-api.yaml").write_text("kind: ConfigMap\nmetadata: {name: x}\n",
                                            encoding="utf-8")
    v = verify(GOLDEN / "ai_app_body" / "input", out, "k8s")
    assert [(r.object, r.fact) for r in v.lost] == [("app sentiment-api", "objects")]


def test_a_template_beyond_the_renderer_is_it354(tmp_path: Path) -> None:
    out = _copy("ai_app_body", "helm", tmp_path)
    tpl = out / "templates" / "sentiment-api.yaml"
    tpl.write_text("{{- range .Values.workloads }}\nx: 1\n{{- end }}\n", encoding="utf-8")
    v = verify(GOLDEN / "ai_app_body" / "input", out, "helm")
    bad = [d for d in v.diagnostics if d.code == "IT354"]
    assert bad and "range" in bad[0].message and v.exit_code() == 2


def test_untranslatable_source_is_it352(tmp_path: Path) -> None:
    v = verify(tmp_path / "nothing-here", POOL / "expected" / "gke", "gke")
    assert any(d.code == "IT352" for d in v.diagnostics) and v.exit_code() == 2


def test_secret_values_are_never_printed() -> None:
    case = GOLDEN / "secrets_ai"
    res = CliRunner().invoke(main, ["verify", str(case / "input"), str(case / "expected" / "k8s"),
                                    "--target", "k8s", "--format", "json"])
    assert res.exit_code == 0, res.output
    source = (case / "input" / "app.json").read_text(encoding="utf-8")
    for secret in ("plain-api-key-1", "plain-pw-2"):
        assert secret in source  # the command line carries it, verify compares that line
        assert secret not in res.output
    assert "--api-key *" in res.output  # the command is shown, masked


def test_in_memory_output_and_json_totals() -> None:
    files = {p.relative_to(POOL / "expected" / "gke").as_posix(): p.read_text(encoding="utf-8")
             for p in (POOL / "expected" / "gke").glob("*.tf")}
    v = verify(POOL / "input", files, "gke")
    assert v.rows == verify(POOL / "input", POOL / "expected" / "gke", "gke").rows


def _render(text: str, values: dict, defines: str = "") -> str:  # type: ignore[type-arg]
    nodes = parse(defines + text)
    scope = _Scope({n.name: n.body for n in nodes if n.kind == "define"},
                   {"Values": values, "Release": {"Name": "r"}, "Chart": {"Name": "c"}})
    return scope.render([n for n in nodes if n.kind != "define"], scope.root, {})


def test_go_template_subset() -> None:
    assert _render("a:\n  {{- toYaml .Values.m | nindent 2 }}\n", {"m": {"k": [1, 2]}}) == \
        "a:\n  k:\n  - 1\n  - 2\n"
    assert _render('{{- $w := index .Values.w "x-y" }}{{ if $w.on }}yes{{ else }}no{{ end }}',
                   {"w": {"x-y": {"on": False}}}) == "no"
    assert _render('{{ include "n" . }}', {}, '{{- define "n" -}}\n{{ .Release.Name }}-'
                   '{{ .Chart.Name }}\n{{- end }}') == "r-c"
    assert _render('{{ printf "%s-%s" "a" "b" | trunc 3 | trimSuffix "-" }}', {}) == "a-b"[:3]
    assert _render("{{ with .Values.e }}{{ . }}{{ end }}|{{/* note */}}", {"e": ""}) == "|"


def test_every_golden_chart_renders_without_it354() -> None:
    for chart in sorted(GOLDEN.glob("*/expected/helm/Chart.yaml")):
        root = chart.parent
        files = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
                 for p in root.rglob("*") if p.is_file()}
        sink = Sink()
        rendered = render(files, sink)
        assert not sink.sorted(), (root, sink.sorted())
        assert rendered and all("{{" not in t for t in rendered.values()), root


def test_an_estate_chart_is_rendered_and_checked(tmp_path: Path) -> None:
    from iac_translate.compiler.api import TranslateOptions, translate
    src = GOLDEN / "mixed_terraform_and_ai" / "input"
    result = translate(src, "gke", TranslateOptions(workloads="helm"))
    out = tmp_path / "out"
    for rel, text in result.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    options = TranslateOptions(workloads="helm")
    v = verify(src, out, "gke", options)
    assert not v.lost and not v.failed
    assert {r.object for r in v.rows} >= {"job finetune-llama-lora", "ovh_cloud_project_kube.demo"}
    values = out / "helm" / "values.yaml"
    values.write_text(values.read_text(encoding="utf-8").replace("2.4.0", "9.9.9"),
                      encoding="utf-8")
    assert {(r.object, r.fact) for r in verify(src, out, "gke", options).lost} == \
        {("job finetune-llama-lora", "image")}


# One edit of a written file per kind of fact: verify must call exactly that fact lost.
MUTATIONS = [
    ("kube_full", "gke", "main.tf", '"10.240.0.0/13"', '"10.250.0.0/16"',
     {("ovh_cloud_project_kube.prod", "pods_cidr")}),
    ("network_subnet_v2", "gke", "main.tf", '"10.50.0.0/24"', '"10.51.0.0/24"',
     {("ovh_cloud_project_network_private_subnet_v2.app", "cidr")}),
    ("database_postgresql", "gke", "main.tf", '"REGIONAL"', '"ZONAL"',
     {("ovh_cloud_project_database.pg", "ha")}),
    ("database_postgresql", "gke", "main.tf", "disk_size         = 160",
     "disk_size         = 100", {("ovh_cloud_project_database.pg", "disk_gb")}),
    ("database_postgresql", "gke", "main.tf", '"POSTGRES_16"', '"POSTGRES_15"',
     {("ovh_cloud_project_database.pg", "version")}),
    ("storage_bucket", "gke", "main.tf", "enabled = true", "enabled = false",
     {("ovh_cloud_project_storage.archive", "versioning")}),
    ("nodepool_gpu_template", "gke", "main.tf", '"NO_SCHEDULE"', '"PREFER_NO_SCHEDULE"',
     {("ovh_cloud_project_kube_nodepool.gpu", "taints")}),
    ("nodepool_gpu_template", "gke", "main.tf", 'workload                  = "inference"',
     'workload                  = "batch"', {("ovh_cloud_project_kube_nodepool.gpu", "labels")}),
    ("s3_user_policy", "gke", "main.tf", '"roles/storage.objectAdmin"',
     '"roles/storage.objectViewer"', {("ovh_cloud_project_user_s3_policy.uploader", "access")}),
    ("nodepool_for_each", "gke", "main.tf", "total_max_node_count = each.value.max_nodes",
     "total_max_node_count = each.value.min_nodes",
     {("ovh_cloud_project_kube_nodepool.pool", "max_nodes")}),
    ("nodepool_for_each", "gke", "main.tf", "null : each.value.min_nodes",
     "null : each.value.min_nodes + 1", {("ovh_cloud_project_kube_nodepool.pool", "nodes")}),
    ("nodepool_for_each", "gke", "main.tf", "machine_type    = each.value.flavor",
     "machine_type    = var.other", {("ovh_cloud_project_kube_nodepool.pool", "machine")}),
    # (aks: an OpenStack subnet's region is its VNet's; the ACR name IT324 stands at `name`)
    ("lossy_openstack_secgroups", "aks", "main.tf", '"germanywestcentral"', '"westeurope"',
     {("openstack_networking_subnet_v2.app", "region")}),
    ("registry", "aks", "main.tf", '"appsregistry"', '"appsregistry2"',
     {("ovh_cloud_project_containerregistry.apps", "name")}),
    ("ai_app_body", "k8s", "sentiment-api.yaml", "sentiment:1.4.0", "sentiment:1.5.0",
     {("app sentiment-api", "image")}),
    ("ai_app_body", "k8s", "sentiment-api.yaml", "- name: MODEL_DIR", "- name: MODEL_PATH",
     {("app sentiment-api", "env_keys")}),
    ("ai_app_body", "k8s", "sentiment-api.yaml", "nvidia.com/gpu: 1", "nvidia.com/gpu: 2",
     {("app sentiment-api", "gpu")}),
    ("ai_app_autoscale_keda", "k8s", "queue-worker.yaml", "maxReplicaCount: 5",
     "maxReplicaCount: 3", {("app queue-worker", "max_replicas")}),
]


@pytest.mark.parametrize("case,target,rel,old,new,lost", MUTATIONS,
                         ids=[f"{m[0]}-{sorted(m[5])[0][1]}" for m in MUTATIONS])
def test_each_fact_catches_an_edit(tmp_path: Path, case: str, target: str, rel: str,
                                   old: str, new: str, lost: set[tuple[str, str]]) -> None:
    out = _copy(case, target, tmp_path)
    text = (out / rel).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (out / rel).write_text(text.replace(old, new), encoding="utf-8")
    v = verify(GOLDEN / case / "input", out, target)
    assert {(r.object, r.fact) for r in v.lost} == lost


def test_an_error_inside_an_untranslated_block_explains_it() -> None:
    # IT338 sits at the `policy` argument (unreadable statically), not at the block's start.
    src = {"main.tf": 'variable "p" {\n  type = string\n}\n\n'
           'resource "ovh_cloud_project_user" "u" {\n  service_name = "x"\n'
           '  role_name    = "objectstore_operator"\n}\n\n'
           'resource "ovh_cloud_project_user_s3_policy" "p" {\n  service_name = "x"\n'
           '  user_id      = ovh_cloud_project_user.u.id\n'
           '  policy       = jsonencode({ Statement = var.p })\n}\n'}
    from iac_translate.compiler.api import translate as tr
    from iac_translate.compiler.verify import verify as vf
    r = tr(src, "gke")
    assert any(d.code == "IT338" and d.span and d.span.line > 10 for d in r.diagnostics)
    rows = [x for x in vf(src, r.files, "gke").rows if "s3_policy" in x.object]
    assert rows and all(x.verdict != "lost" for x in rows), rows


def test_an_error_at_an_object_start_explains_only_what_is_not_written() -> None:
    # An AKS database user is left to SQL (IT338 at its start) though its password is
    # emitted (random_password): its name, written nowhere, is explained by that error.
    from iac_translate.compiler.api import translate as tr
    from iac_translate.compiler.verify import verify as vf
    case = GOLDEN / "database_postgresql" / "input"
    src = {p.name: p.read_text(encoding="utf-8") for p in case.glob("*.tf")}
    r = tr(src, "aks")
    user = "ovh_cloud_project_database_postgresql_user.app"
    assert any(d.code == "IT338" and d.span and d.span.column == 1 and user in d.message
               for d in r.diagnostics)
    rows = {(x.object, x.fact): x for x in vf(src, r.files, "aks").rows}
    assert (rows[(user, "name")].verdict, rows[(user, "name")].why) == ("mapped", "IT338")
    # the cluster's facts, written, are judged as ever: no error at its start explains them
    assert rows[("ovh_cloud_project_database.pg", "version")].verdict == "equal"


_PLAN_VAR = ('variable "plan" {\n  type    = string\n  default = "business"\n}\n' + "".join(
    f'\nresource "ovh_cloud_project_database" "{n}" {{\n  service_name = "x"\n'
    f'  engine       = "{e}"\n  version      = "{v}"\n  plan         = var.plan\n'
    f'  flavor       = "{f}"\n  nodes {{\n    region = "GRA"\n  }}\n}}\n'
    for n, e, v, f in (("cache", "valkey", "8.0", "db2-4"), ("mongo", "mongodb", "7.0", "db2-4"),
                       ("kafka", "kafka", "3.8", "db1-7"), ("pg", "postgresql", "16", "db1-15"))))


@pytest.mark.parametrize("target", ["aks", "scaleway"])
def test_a_plan_through_a_variable_decides_the_standby_at_plan_time(target: str) -> None:
    # The default (business) is HA; a caller's essential is not: what the plan decides is a
    # condition on var.plan in the output, never the default's answer written as a literal.
    from iac_translate.compiler.api import translate as tr
    from iac_translate.compiler.verify import verify as vf
    src = {"main.tf": _PLAN_VAR}
    r = tr(src, target)
    text = "".join(r.files.values())
    assert text.count("var.plan") >= (3 if target == "aks" else 4), text
    assert "high_availability_mode = \"ZoneRedundantPreferred\"" not in text
    assert "is_ha_cluster     = true" not in text
    rows = [x for x in vf(src, r.files, target).rows if x.fact == "ha"]
    assert len(rows) == 4 and not [x for x in rows if x.verdict == "lost"], rows


def test_the_gpu_taint_of_a_computed_vm_size_is_the_targets_no_more(tmp_path: Path) -> None:
    # aks/nodepool adds `<GPU size test> ? ["<GPU taint>"] : []` to a pool whose VM size is
    # known at plan time: verify reads the source's taints without it, not past it.
    source = ROOT / "examples" / "ovh-platform"
    out = _copy("realistic_platform", "aks", tmp_path)
    pool = "ovh_cloud_project_kube_nodepool.general"
    assert _row(verify(source, out, "aks"), pool, "taints").verdict == "equal"
    text = (out / "kube.tf").read_text(encoding="utf-8")
    old = '? ["nvidia.com/gpu=true:NoSchedule"] : []'
    assert text.count(old) == 1
    (out / "kube.tf").write_text(text.replace(old, old[:-2] + '["x=y:NoSchedule"]'),
                                 encoding="utf-8")
    assert _row(verify(source, out, "aks"), pool, "taints").verdict == "lost"
