"""A repository as one estate: discovery, the two halves agreeing, report, check, conflicts."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import hcl2
import pytest
import yaml
from click.testing import CliRunner
from hcl_normal import unquoted
from iac_translate.compiler import estate, estate_run
from iac_translate.compiler.api import Result, TranslateOptions, translate
from iac_translate.compiler.cli import main
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.report import build
from iac_translate.targets.k8s import placement

ROOT = Path(__file__).resolve().parents[1]
ESTATE = ROOT / "golden" / "estate_gke" / "input"
# GKE names node pools' GPU nodes by accelerator; the device plugin taints them itself.
ACCEL = "cloud.google.com/gke-accelerator"


def _docs(files: dict[str, str]) -> list[dict]:
    return [d for p, t in files.items() if p.endswith(".yaml") for d in yaml.safe_load_all(t)
            if isinstance(d, dict)]


def _pod_specs(files: dict[str, str]) -> list[tuple[str, dict]]:
    out = []
    for d in _docs(files):
        spec = d.get("spec", {})
        tpl = spec.get("template", {}) if isinstance(spec, dict) else {}
        if isinstance(tpl, dict) and "spec" in tpl:
            out.append((d["metadata"]["name"], tpl["spec"]))
    return out


def _terraform(files: dict[str, str]) -> list[tuple[str, str, dict]]:
    """(type, name, body) of every resource, read by python-hcl2 (not our own parser)."""
    out = []
    for path, text in files.items():
        if path.endswith(".tf"):
            for res in unquoted(hcl2.load(io.StringIO(text))).get("resource", []):
                for rtype, named in res.items():
                    for name, body in named.items():
                        out.append((rtype, name, body))
    return out


def _first(v):  # python-hcl2 wraps nested blocks in lists
    return v[0] if isinstance(v, list) and v else v


def test_discovery_finds_roots_and_workloads_and_skips_vendored_code() -> None:
    found = estate.discover([ESTATE], Sink(), set())
    assert found is not None and not found.flat
    assert found.roots == ("bootstrap", "platform")  # .terraform/modules/old is vendored
    assert sorted(found.workloads) == ["cluster/dump.yaml", "workloads/deploy.sh",
                                       "workloads/tokenize-job.json"]


def test_a_single_root_keeps_the_flat_layout() -> None:
    found = estate.discover([ESTATE / "platform"], Sink(), set())
    assert found is not None and found.flat
    r = translate(ESTATE / "platform", "gke")
    assert "main.tf" in r.files and not any(p.startswith("terraform/") for p in r.files)


def test_gpu_selectors_match_the_pools_and_buckets_exist() -> None:
    r = translate(ESTATE, "gke")
    assert not r.has_errors, [str(d) for d in r.diagnostics]
    tf = _terraform({p: t for p, t in r.files.items() if p.startswith("terraform/")})
    pools = [b for t, _, b in tf if t == "google_container_node_pool"]
    machines = json.loads((ROOT / "targets" / "gke" / "machine_types.json").read_text(
        encoding="utf-8"))["machine_types"]

    def accelerator(pool: dict) -> str | None:  # a guest_accelerator, or the machine's own GPU
        cfg = _first(pool["node_config"])
        if "guest_accelerator" in cfg:
            return str(_first(cfg["guest_accelerator"])["type"])
        gpu = machines.get(cfg.get("machine_type"), {}).get("gpu")
        return gpu["accelerator"] if gpu else None
    accels = {accelerator(p) for p in pools} - {None}
    specs = _pod_specs(r.files)
    gpu_pods = [(n, s) for n, s in specs if ACCEL in s.get("nodeSelector", {})]
    assert gpu_pods, "the estate has a GPU app"
    for name, spec in gpu_pods:
        assert spec["nodeSelector"][ACCEL] in accels, name
        # every taint of a pool with that accelerator is tolerated
        for p in pools:
            if accelerator(p) != spec["nodeSelector"][ACCEL]:
                continue
            for t in _first(p["node_config"]).get("taint", []):
                assert any(o.get("key") == t["key"] for o in spec["tolerations"]), (name, t)
    local = {k: v for p, t in r.files.items() if p.endswith(".tf")
             for block in unquoted(hcl2.load(io.StringIO(t))).get("locals", [])
             for k, v in block.items() if isinstance(v, str)}
    buckets = {re.sub(r"\$\{local\.(\w+)\}", lambda m: local[m.group(1)], b["name"])
               for t, _, b in tf if t == "google_storage_bucket"}
    mounted = {v["csi"]["volumeAttributes"]["bucketName"] for _, s in specs
               for v in s.get("volumes", []) if "csi" in v}
    assert mounted and mounted <= buckets, (mounted, buckets)
    clusters = [b for t, _, b in tf if t == "google_container_cluster"]
    assert all(_first(_first(c["addons_config"])["gcs_fuse_csi_driver_config"])["enabled"]
               for c in clusters)
    grants = [b for t, _, b in tf if t == "google_storage_bucket_iam_member"]
    accounts = {s.get("serviceAccountName") for _, s in specs if s.get("volumes")}
    assert {g["member"].rsplit("/", 1)[-1] for g in grants} == accounts


def test_no_pool_for_the_gpu_is_an_error_naming_both(tmp_path: Path) -> None:
    shutil.copytree(ESTATE, tmp_path / "repo")
    tf = tmp_path / "repo" / "platform" / "main.tf"
    tf.write_text(tf.read_text(encoding="utf-8").replace('"l4-90"', '"b3-8"'),
                  encoding="utf-8")
    r = translate(tmp_path / "repo", "gke")
    err = [d for d in r.diagnostics if d.code == "IT345"]
    assert len(err) == 1 and "`chat`" in err[0].message and "no GPU pool" in err[0].message
    assert err[0].span is not None and err[0].span.file == "workloads/deploy.sh"


def test_requests_fit_one_node_of_the_pool() -> None:
    profile = {"reserved": {"cpu": [[1, 0.06], [1, 0.01], [2, 0.005], [None, 0.0025]],
                            "memory_gib": [[4, 0.25], [4, 0.2], [8, 0.1], [112, 0.06],
                                           [None, 0.02]],
                            "eviction_gib": 0.1, "daemonsets": {"cpu": 0.25, "memory_gib": 0.5}}}
    cpu, ram = placement.allocatable(placement.Node(4, 16, "n2-standard-4"), profile)
    # GKE's published reservations for 4 vCPU / 16 GiB: 80m CPU, 2.6 GiB + 100 MiB eviction
    assert cpu == pytest.approx(4 - 0.08 - 0.25)
    assert ram == pytest.approx(16 - 2.6 - 0.1 - 0.5)
    r = translate(ESTATE, "gke")
    job = next(s for n, s in _pod_specs(r.files) if n == "tokenize")
    req = job["containers"][0]["resources"]["requests"]
    assert req["cpu"] == "3600m" and job["containers"][0]["resources"]["limits"]["cpu"] == "4"


def test_eks_reserves_memory_by_the_pods_its_instance_type_runs() -> None:
    from iac_translate.targets.clusterfacts import profile
    eks = profile("eks")
    assert eks is not None
    # The EKS AMI: kube-reserved CPU 6/1/0.5/0.25 % per core (90m on 8 cores), memory
    # 255 MiB + 11 MiB x max pods (58 on a p3.2xlarge: 4 ENIs x 14 IPs + 2), 100 MiB eviction
    cpu, ram = placement.allocatable(placement.Node(8, 61, "p3", "p3.2xlarge"), eks)
    assert cpu == pytest.approx(8 - 0.09 - 0.2)
    assert ram == pytest.approx(61 - (255 + 11 * 58) / 1024 - 0.1 - 0.25)
    # an instance type with more ENIs keeps more memory; an unknown one, the kubelet's 110
    big = placement.allocatable(placement.Node(8, 61, "x", "g5.12xlarge"), eks)[1]
    other = placement.allocatable(placement.Node(8, 61, "x", "x9.weird"), eks)[1]
    assert big == pytest.approx(61 - (255 + 11 * 737) / 1024 - 0.35)
    assert other == pytest.approx(61 - (255 + 11 * 110) / 1024 - 0.35)
    r = translate(ESTATE, "eks")
    job = next(s for n, s in _pod_specs(r.files) if n == "tokenize")
    req = job["containers"][0]["resources"]["requests"]
    assert req["cpu"] == "3700m" and job["containers"][0]["resources"]["limits"]["cpu"] == "4"


def test_eks_exposure_names_the_controller_its_terraform_installs() -> None:
    r = translate(ESTATE, "eks")
    gw = [d for d in _docs(r.files) if d.get("kind") in ("GatewayClass", "Gateway")]
    assert [d["kind"] for d in gw] == ["GatewayClass", "Gateway"]
    assert gw[0]["spec"]["controllerName"] == "gateway.k8s.aws/alb"
    assert gw[1]["spec"]["gatewayClassName"] == gw[0]["metadata"]["name"]
    assert not any(d.code == "IT308" and "HTTPRoutes" in d.message for d in r.diagnostics)
    served = [d for d in r.diagnostics if d.code == "IT346" and "HTTPRoutes attach" in d.message]
    assert len(served) == 1 and "helm_release.aws_load_balancer_controller" in served[0].message
    r = translate(ESTATE, "eks", TranslateOptions(expose="ingress"))
    ing = [d for d in _docs(r.files) if d.get("kind") == "Ingress"]
    assert ing and all(d["spec"]["ingressClassName"] == "alb" and d["metadata"]["annotations"][
        "alb.ingress.kubernetes.io/scheme"] == "internet-facing" for d in ing)
    svc = [d for d in _docs(r.files) if d.get("kind") == "Service"]
    assert svc and not any(k.startswith("alb.") for d in svc
                           for k in d["metadata"].get("annotations", {}))  # only Ingresses
    assert any(d.code == "IT346" and "Ingresses use the class `alb`" in d.message and
               "installs" in d.message for d in r.diagnostics)
    assert not any(d.code == "IT308" and "Ingresses" in d.message for d in r.diagnostics)
    r = translate(ESTATE, "gke")  # GKE's Terraform enables the Gateway API: nothing to do
    assert not any(d.code == "IT308" and "HTTPRoutes" in d.message for d in r.diagnostics)
    assert not any(d.get("kind") == "GatewayClass" for d in _docs(r.files))


def test_report_covers_both_halves() -> None:
    report, _ = build(ESTATE, "gke")
    types = {e.type for e in report.entries}
    assert {"ovh_cloud_project_kube_nodepool", "ovhai app", "ovhai job",
            "exported manifest"} <= types


def test_outputs_written_into_the_repository_are_not_read_back(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ESTATE, repo)
    first = translate(repo, "gke")
    out = repo / "gke"
    for path, text in first.files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    assert translate(repo, "gke").files == first.files


def test_helm_workloads_and_check_of_an_estate_entry(tmp_path: Path) -> None:
    r = translate(ESTATE, "gke", TranslateOptions(workloads="helm"))
    assert "helm/Chart.yaml" in r.files and not any(p.startswith("kubernetes/") for p in r.files)
    cfg = tmp_path / "iac-translate.yaml"
    cfg.write_text(f"translations:\n  - {{inputs: [{ESTATE}], target: gke, out: out}}\n",
                   encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--config", str(cfg), "--fix", "-q"]).exit_code == 0
    assert (tmp_path / "out" / "terraform" / "platform" / "main.tf").is_file()
    assert runner.invoke(main, ["check", "--config", str(cfg), "-q"]).exit_code == 0
    (tmp_path / "out" / "kubernetes" / "chat.yaml").write_text("x: 1\n", encoding="utf-8")
    assert runner.invoke(main, ["check", "--config", str(cfg), "-q"]).exit_code == 1


def test_a_module_translated_two_ways_is_an_error(tmp_path: Path) -> None:
    for root in ("a", "b"):
        (tmp_path / root).mkdir()
        (tmp_path / root / "main.tf").write_text('module "s" {\n  source = "../shared"\n}\n',
                                                 encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "main.tf").write_text("", encoding="utf-8")
    found = estate.discover([tmp_path], Sink(), set())
    assert found is not None and found.roots == ("a", "b")
    calls = []

    def run_root(inputs, target, options):  # type: ignore[no-untyped-def]
        calls.append(inputs)
        return Result({"shared/main.tf": f"# {len(calls)}\n"}, [])
    r = estate_run.translate(found, "gke", TranslateOptions(), Sink(), set(), run_root,
                             lambda *a: None, lambda *a: {})
    assert [d.code for d in r.diagnostics] == ["IT348"]
    assert r.files == {"terraform/shared/main.tf": "# 1\n"}


def test_ovh_registry_images_move_when_the_new_host_is_known() -> None:
    from iac_translate.compiler.frontends import ai_sources
    from iac_translate.targets.clusterfacts import ClusterFacts, profile
    from iac_translate.targets.k8s import registry
    w = ai_sources.read_all({"job.json": '{"name": "t", "image": "i"}'}, Sink())[0]
    image = "x8k2w1a9.c1.gra9.container-registry.ovh.net/ml/tok:2"
    facts = ClusterFacts(profile("gke") or {}, registries=(
        ("google_artifact_registry_repository.main", "EUROPE-WEST1", "acme"),), project="p1")
    sink = Sink()
    assert registry.repoint(image, w, facts, sink) == \
        "europe-west1-docker.pkg.dev/p1/acme/ml/tok:2"
    assert [d.code for d in sink.sorted()] == ["IT346"]
    sink = Sink()
    unknown = ClusterFacts(facts.profile, registries=facts.registries)
    assert registry.repoint(image, w, unknown, sink) == image
    assert [d.code for d in sink.sorted()] == ["IT347"] and "<project>" in sink.sorted()[0].message
    sink = Sink()
    assert registry.repoint(image, w, ClusterFacts(facts.profile), sink) == image
    assert "creates no registry" in sink.sorted()[0].message
    assert registry.repoint("docker.io/library/nginx:1", w, facts, Sink()) == \
        "docker.io/library/nginx:1"


def test_the_estate_chart_lints_and_renders(tmp_path: Path) -> None:
    helm = pytest.importorskip("helm_python", reason="helm-python-sdk missing: the estate "
                               "chart is NOT checked (pip install helm-python-sdk)")
    r = translate(ESTATE, "gke", TranslateOptions(workloads="helm"))
    for path, text in r.files.items():
        if path.startswith("helm/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text, encoding="utf-8")
    chart = tmp_path / "helm"
    assert not helm.lint(str(chart), strict=True, kube_version="v1.34.0").get("errors")
    with helm.Chart.load(str(chart)) as ch:
        rendered = ch.render({}, name="other", namespace="ai")
    docs = [d for name, text in sorted(rendered.items()) if name.endswith(".yaml")
            for d in yaml.safe_load_all(text) if d]
    kinds = {d["kind"] for d in docs}
    assert {"Gateway", "ServiceAccount", "Deployment", "Job"} <= kinds
    # a granted account keeps the name the Terraform grant uses, whatever the release
    assert {d["metadata"]["name"] for d in docs if d["kind"] == "ServiceAccount"} == \
        {"chat", "tokenize"}


def test_verify_reads_a_helm_estate_as_written(tmp_path: Path) -> None:
    from iac_translate.compiler.verify import verify
    r = translate(ESTATE, "gke", TranslateOptions(workloads="helm"))
    v = verify(ESTATE, r.files, "gke")  # no --workloads given: OUT's helm/ says it
    assert not v.lost and any(row.object.startswith("app ") for row in v.rows)


def test_vendored_workloads_are_not_read_by_the_k8s_target(tmp_path: Path) -> None:
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "run.sh").write_text(
        "ovhai app run --name vendored --cpu 1 docker.io/a/b:1\n", encoding="utf-8")
    (tmp_path / "run.sh").write_text("ovhai app run --name mine --cpu 1 docker.io/a/b:1\n",
                                     encoding="utf-8")
    r = translate(tmp_path, "k8s")
    assert "mine.yaml" in r.files and "vendored.yaml" not in r.files


def test_existing_cluster_gateway_hint_comes_from_the_profile() -> None:
    src = ROOT / "golden" / "estate_ai_only" / "input"

    def hint(cluster: str) -> str:
        r = translate(src, "k8s", TranslateOptions(cluster=cluster))
        return next(d.hint for d in r.diagnostics if d.code == "IT308" and
                    "HTTPRoutes attach to a Gateway named" in d.message)
    assert hint("generic") == ""
    assert "`alb`" in hint("eks") and "aws-load-balancer-controller" in hint("eks")
    assert hint("gke") == "on GKE the GatewayClass is `gke-l7-global-external-managed`"
